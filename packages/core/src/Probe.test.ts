import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { ValidationError } from "./errors.js";
import { Network } from "./Network.js";

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).message;
  }
  throw new Error("did not throw");
};

describe("probes of slices", () => {
  const net = new Network();
  const ens = net.ensemble({ nNeurons: 10, dimensions: 3 });
  it("resolve against the probed object's size (dimensions, neurons, node output)", () => {
    expect(Array.from(defined(net.probe(ens, { slice: [-1] }).slice))).toEqual([2]);
    expect(Array.from(defined(net.probe(ens.neurons, { slice: { start: 0, stop: 10, step: 4 } }).slice))).toEqual([0, 4, 8]);
    expect(net.probe(ens).slice).toBeNull();
  });
  it("refuse an index out of range, and any slice of a connection", () => {
    expect(message(() => net.probe(ens, { slice: [3] }))).toContain("slice");
    const c = net.connect(ens, net.node({ sizeIn: 3 }));
    expect(message(() => net.probe(c, { slice: [0] }))).toContain("a connection's signals cannot be sliced");
  });
});
