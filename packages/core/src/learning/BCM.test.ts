import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { ruleNet } from "../../../../test/support/ruleNets.js";
import { thrownBy } from "../../../../test/support/thrown.js";
import { BCM, Lowpass, LstsqL2, Oja, PES, ValidationError, validate } from "../index.js";
import { elemAt } from "../internal/checked.js";

const thrown = (f: () => unknown): ValidationError => thrownBy(ValidationError, f);

describe("BCM and Oja", () => {
  it("have Nengo 4.1's defaults (postSynapse follows preSynapse unless given)", () => {
    const bcm = new BCM();
    expect([bcm.learningRate, (bcm.preSynapse as Lowpass).tau, (bcm.postSynapse as Lowpass).tau, (bcm.thetaSynapse as Lowpass).tau]).toEqual([
      1e-9, 0.005, 0.005, 1.0,
    ]);
    expect(bcm.modifies).toBe("weights");
    expect(new BCM({ preSynapse: 0.02 }).postSynapse).toEqual(new Lowpass(0.02));
    expect(new BCM({ preSynapse: 0.02, postSynapse: null }).postSynapse).toBeNull();
    const oja = new Oja();
    expect([oja.learningRate, oja.beta, (oja.preSynapse as Lowpass).tau, (oja.postSynapse as Lowpass).tau]).toEqual([1e-6, 1.0, 0.005, 0.005]);
    expect(new Oja({ preSynapse: null }).postSynapse).toBeNull();
  });

  it("reject negative or non-finite parameters and bad synapses, naming the attribute", () => {
    expect(thrown(() => new BCM({ learningRate: -1 })).attr).toBe("learningRate");
    expect(thrown(() => new BCM({ thetaSynapse: -0.1 })).attr).toBe("thetaSynapse");
    expect(thrown(() => new Oja({ beta: NaN })).attr).toBe("beta");
    expect(thrown(() => new Oja({ postSynapse: Infinity })).attr).toBe("postSynapse");
  });

  it("need a connection to neurons with a [post, pre] neuron matrix, as Nengo's check_transform", () => {
    const { net, a, b } = ruleNet(4, 3);
    for (const rule of [new BCM(), new Oja()]) {
      expect(thrown(() => net.connect(a, b, { learningRule: rule })).message).toContain("can only be applied on connections to neurons");
      expect(thrown(() => net.connect(a.neurons, b.neurons, { transform: 1, learningRule: rule })).message).toMatch(/\[3, 4\] matrix/);
      expect(
        thrown(() => net.connect(a.neurons, b.neurons, { transform: Array.from({ length: 2 }, () => [0, 0, 0, 0]), postSlice: [0, 1], learningRule: rule }))
          .message,
      ).toContain("remove preSlice/postSlice");
      expect(thrown(() => net.connect(a.neurons, net.node({ sizeIn: 4 }), { transform: 1, learningRule: rule })).message).toContain("connections to neurons");
      expect(net.connect(a.neurons, b.neurons, { transform: Array.from({ length: 3 }, () => [0, 0, 0, 0]), learningRule: rule }).learningRule?.rule).toBe(rule);
      expect(net.connect(a, b, { solver: new LstsqL2({ weights: true }), learningRule: rule }).learningRule?.rule).toBe(rule);
    }
    // PES learns such connections too, through the post encoders: its error is in the post ensemble's space
    expect(net.connect(a, b, { solver: new LstsqL2({ weights: true }), learningRule: new PES() }).learningRule?.errorSize).toBe(1);
  });

  it("test_probeable (BCM, Oja): the probeable attributes are Nengo's, and probes accept those only", () => {
    const { net, a, b } = ruleNet(4, 3);
    const conn = net.connect(a.neurons, b.neurons, { transform: Array.from({ length: 3 }, () => [0, 0, 0, 0]), learningRule: new Oja() });
    expect(new Oja().probeable).toEqual(["preFiltered", "postFiltered", "delta"]);
    expect(new BCM().probeable).toEqual(["theta", "preFiltered", "postFiltered", "delta"]);
    net.probe(defined(conn.learningRule), { attr: "delta" });
    expect(validate(net, { throw: false })).toEqual([]);
    net.probe(defined(conn.learningRule), { attr: "theta" });
    const issues = validate(net, { throw: false });
    expect(issues).toHaveLength(1);
    expect(elemAt(issues, 0).attr).toBe("attr");
    expect(thrown(() => validate(net)).message).toContain("choose from output, preFiltered, postFiltered, delta");
  });
});
