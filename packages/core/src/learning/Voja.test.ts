import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { thrownBy } from "../../../../test/support/thrown.js";
import { Direct, LIFRate, type Lowpass, LstsqL2, Network, ValidationError, Voja } from "../index.js";

const thrown = (f: () => unknown): ValidationError => thrownBy(ValidationError, f);

describe("Voja", () => {
  it("has Nengo 4.1's defaults: learning rate 1e-2, post-synapse Lowpass(0.005), modifies encoders", () => {
    const v = new Voja();
    expect([v.learningRate, (v.postSynapse as Lowpass).tau, v.modifies]).toEqual([1e-2, 0.005, "encoders"]);
    expect(new Voja({ postSynapse: null }).postSynapse).toBeNull();
    expect(v.probeable).toEqual(["postFiltered", "scaledEncoders", "delta"]);
  });

  it("rejects a negative learning rate or a bad synapse, naming the attribute", () => {
    expect(thrown(() => new Voja({ learningRate: -0.1 })).attr).toBe("learningRate");
    expect(thrown(() => new Voja({ postSynapse: NaN })).attr).toBe("postSynapse");
  });

  it("needs an Ensemble with neurons as post, as Nengo's check_post, and takes a 1-D learning signal", () => {
    const net = new Network({ seed: 0 });
    const x = net.node({ output: [0.5, 0.5] });
    const ens = net.ensemble({ nNeurons: 5, dimensions: 2, neuronType: new LIFRate() });
    expect(thrown(() => net.connect(x, ens.neurons, { transform: Array.from({ length: 5 }, () => [0, 0]), learningRule: new Voja() })).message).toContain(
      "must be an Ensemble",
    );
    expect(thrown(() => net.connect(x, net.node({ sizeIn: 2 }), { learningRule: new Voja() })).message).toContain("must be an Ensemble");
    expect(
      thrown(() => net.connect(x, net.ensemble({ nNeurons: 1, dimensions: 2, neuronType: new Direct() }), { learningRule: new Voja() })).message,
    ).toContain("Direct");
    expect(
      thrown(() => net.connect(net.ensemble({ nNeurons: 4, dimensions: 2 }), ens, { solver: new LstsqL2({ weights: true }), learningRule: new Voja() }))
        .message,
    ).toContain("weights: true");
    expect(thrown(() => net.connect(net.node({ output: 1 }), ens, { postSlice: [0], learningRule: new Voja() })).message).toContain("postSlice");
    const conn = net.connect(x, ens, { learningRule: new Voja() });
    expect(defined(conn.learningRule).sizeIn).toBe(1);
  });
});
