import { describe, expect, it } from "vitest";
import { BuildError, SimulationError } from "../errors.js";
import { Direct } from "./Direct.js";

describe("Direct", () => {
  it("is a marker: rates return x, no gain/bias, no stepping", () => {
    const d = new Direct();
    expect(d.kind).toBe("Direct");
    expect(d.stateSpec).toEqual({});
    expect(d.rates([0.5, -2], [3], [1])).toEqual(Float64Array.from([0.5, -2]));
    expect(() => d.gainBias([100], [0])).toThrow(BuildError);
    expect(() => d.maxRatesIntercepts([1], [0])).toThrow(/Direct.maxRatesIntercepts: direct-mode ensembles have no neurons/);
    expect(() => d.step(0.001, new Float64Array(1), new Float64Array(1), {})).toThrow(SimulationError);
  });
});
