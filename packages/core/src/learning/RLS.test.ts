import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { ruleNet } from "../../../../test/support/ruleNets.js";
import { thrownBy } from "../../../../test/support/thrown.js";
import { type Lowpass, LstsqL2, RLS, ValidationError } from "../index.js";

const thrown = (f: () => unknown): ValidationError => thrownBy(ValidationError, f);

describe("RLS", () => {
  it("has Nengo 4.1's defaults: learning rate 1e-3, pre-synapse Lowpass(0.005), modifies decoders", () => {
    const r = new RLS();
    expect([r.learningRate, (r.preSynapse as Lowpass).tau, r.modifies]).toEqual([1e-3, 0.005, "decoders"]);
    expect(new RLS({ preSynapse: null }).preSynapse).toBeNull();
    expect(r.probeable).toEqual(["preFiltered", "error", "delta", "invGamma"]);
  });

  it("rejects bad parameters and connections, naming the attribute", () => {
    expect(thrown(() => new RLS({ learningRate: Infinity })).attr).toBe("learningRate");
    expect(thrown(() => new RLS({ preSynapse: -1 })).attr).toBe("preSynapse");
    const { net, a, b } = ruleNet(6, 4);
    expect(thrown(() => net.connect(net.node({ output: 1 }), b, { learningRule: new RLS() })).message).toContain("pre object must be an ensemble");
    expect(thrown(() => net.connect(a, b, { solver: new LstsqL2({ weights: true }), learningRule: new RLS() })).message).toContain(
      "no path through the post encoders",
    );
    expect(thrown(() => net.connect(a.neurons, net.node({ sizeIn: 1 }), { preSlice: [0, 1], transform: [[1, 1]], learningRule: new RLS() })).message).toContain(
      "remove preSlice",
    );
    // the error signal has the connection's post size, as PES's
    expect(defined(net.connect(a, net.node({ sizeIn: 2 }), { transform: [[1], [1]], learningRule: new RLS() }).learningRule).sizeIn).toBe(2);
  });
});
