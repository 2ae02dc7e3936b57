import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { Uniform } from "../distributions/Uniform.js";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { AdaptiveLIF } from "./AdaptiveLIF.js";
import { LIF } from "./LIF.js";
import { LIFRate } from "./LIFRate.js";

describe("NeuronType (through LIF)", () => {
  it("lists output then the state variables as probeable, in Nengo's order", () => {
    expect(new LIF().probeable).toEqual(["output", "voltage", "refractoryTime"]);
    expect(new AdaptiveLIF().probeable).toEqual(["output", "voltage", "refractoryTime", "adaptation"]);
    expect(new LIFRate().probeable).toEqual(["output"]);
  });

  it("makes state from the defaults: voltage ~ Uniform(0, 1), refractoryTime 0", () => {
    const state = new LIF().makeState(1000, new Rng(4));
    expect(Object.keys(state)).toEqual(["voltage", "refractoryTime"]);
    expect(state["refractoryTime"]).toEqual(new Float64Array(1000));
    const v = defined(state["voltage"]);
    expect(v.length).toBe(1000);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(1);
    expect(v.reduce((a, b) => a + b, 0) / 1000).toBeCloseTo(0.5, 1);
    expect(new LIF().makeState(5, new Rng(9))).toEqual(new LIF().makeState(5, new Rng(9)));
  });

  it("makes state from initialState overrides: numbers, arrays and distributions", () => {
    const lif = new LIF({ initialState: { voltage: [0, 0.5, 0.9], refractoryTime: new Uniform(1, 2) } });
    const state = lif.makeState(3, new Rng(1));
    expect(state["voltage"]).toEqual(Float64Array.from([0, 0.5, 0.9]));
    for (const t of defined(state["refractoryTime"])) expect(t >= 1 && t < 2).toBe(true);
    expect(new LIF({ initialState: { voltage: 0.25 } }).makeState(2, new Rng(1))["voltage"]).toEqual(Float64Array.from([0.25, 0.25]));
    expect(() => lif.makeState(4, new Rng(1))).toThrow(/'voltage' has 3 values but there are 4 neurons/);
  });

  it("rejects unknown or malformed initialState entries", () => {
    expect(() => new LIF({ initialState: { adaptation: 0 } })).toThrow(ValidationError);
    expect(() => new LIF({ initialState: { adaptation: 0 } })).toThrow(
      "LIF.initialState: State variable 'adaptation' not recognized; should be one of 'voltage', 'refractoryTime'",
    );
    expect(() => new LIFRate({ initialState: { voltage: 0 } })).toThrow(/LIFRate has no state variables/);
    expect(() => new LIF({ initialState: { voltage: "high" as unknown as number } })).toThrow(/must be a number, a distribution or an array of numbers/);
  });

  it("computes J = gain · x + bias row-major and checks shapes", () => {
    const lif = new LIFRate();
    expect(lif.current([1, 2, 3, 4], [2, 3], [1, 0])).toEqual(Float64Array.from([3, 6, 7, 12]));
    expect(() => lif.current([1, 2, 3], [2, 3], [1, 0])).toThrow(ValidationError);
    expect(() => lif.current([1, 2], [2, 3], [1])).toThrow(ValidationError);
  });

  it("prints its parameters", () => {
    expect(String(new LIF({ tauRc: 0.05 }))).toBe("LIF(tauRc=0.05, tauRef=0.002, minVoltage=0, amplitude=1)");
  });
});
