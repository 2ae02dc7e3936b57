import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { Uniform } from "./distributions/Uniform.js";
import { ValidationError } from "./errors.js";
import { Network } from "./Network.js";
import { Direct } from "./neurons/Direct.js";

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).message;
  }
  throw new Error("did not throw");
};

describe("a connection function given as target points", () => {
  const net = new Network();
  const ens = net.ensemble({ nNeurons: 10, dimensions: 2, radius: 2 });
  const points = [
    [0.5, -0.5],
    [0.1, 0.2],
    [0.5, -0.5],
  ];
  const targets = [[1], [2], [3]];

  it("sets sizeMid from the targets' columns, and defines the function on the eval points (scaled or not), in order where points repeat", () => {
    const c = net.connect(ens, net.node({ sizeIn: 1 }), { function: targets, evalPoints: points });
    expect(c.sizeMid).toBe(1);
    expect(defined(c.functionPoints).nPoints).toBe(3);
    expect(Array.from(defined(c.function)(Float64Array.of(0.2, 0.4)) as Float64Array)).toEqual([2]); // radius-scaled point 1
    expect(Array.from(defined(c.function)(Float64Array.of(1, -1)) as Float64Array)).toEqual([1]);
    expect(Array.from(defined(c.function)(Float64Array.of(1, -1)) as Float64Array)).toEqual([3]);
    expect(message(() => defined(c.function)(Float64Array.of(0, 0)))).toContain("defined only at its evalPoints");
  });

  it("refuses what Nengo refuses: no explicit eval points, a count mismatch, a 1-D array, a pre without decoders", () => {
    const post = net.node({ sizeIn: 1 });
    expect(message(() => net.connect(ens, post, { function: targets }))).toContain("give evalPoints as explicit points too");
    expect(message(() => net.connect(ens, post, { function: targets, evalPoints: new Uniform(-1, 1) }))).toContain("give evalPoints as explicit points too");
    expect(message(() => net.connect(ens, post, { function: [[1], [2]], evalPoints: points }))).toBe(
      `Connection from ${ens} to ${post}.function: the number of eval points must match the number of function points (2 != 3)`,
    );
    expect(message(() => net.connect(ens, post, { function: [1, 2, 3] as unknown as number[][], evalPoints: points }))).toContain("must be a 2-D array");
    const direct = net.ensemble({ nNeurons: 1, dimensions: 2, neuronType: new Direct() });
    expect(message(() => net.connect(direct, post, { function: targets, evalPoints: points }))).toContain("the pre object must be an ensemble with neurons");
    expect(message(() => net.connect(net.node({ output: [0, 0] }), post, { function: targets, evalPoints: points }))).toContain(
      "the pre object must be an ensemble with neurons",
    );
  });
});
