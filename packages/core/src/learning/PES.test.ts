import { afterEach, describe, expect, it, vi } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { captureWarnings } from "../../../../test/support/warnings.js";
import { Direct, LearningRule, Lowpass, LstsqL2, Network, PES, ValidationError, validate } from "../index.js";

describe("PES", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("test_high_learning_rate_warning: a learning rate of 1 or more warns, as Nengo (the default and smaller ones do not)", () => {
    const emitted = captureWarnings();
    new PES();
    new PES({ learningRate: 0.5 });
    expect(emitted).toEqual([]);
    new PES({ learningRate: 1e32 });
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatch(/learningRate 1e\+32 is very high/);
  });

  it("has Nengo's defaults: learning rate 1e-4, pre-synapse Lowpass(0.005)", () => {
    const pes = new PES();
    expect(pes.learningRate).toBe(1e-4);
    expect(pes.preSynapse).toBeInstanceOf(Lowpass);
    expect((pes.preSynapse as Lowpass).tau).toBe(0.005);
    expect(new PES({ preSynapse: null }).preSynapse).toBeNull();
    expect((new PES({ preSynapse: 0.01 }).preSynapse as Lowpass).tau).toBe(0.01);
    expect(pes.modifies).toBe("decoders");
  });

  it("rejects a negative or non-finite learning rate, naming the attribute", () => {
    for (const learningRate of [-1, NaN, Infinity]) {
      const e = (() => {
        try {
          new PES({ learningRate });
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).attr).toBe("learningRate");
    }
  });
});

describe("Connection learningRule", () => {
  it("gives the connection a typed handle that takes the error through an ordinary connection", () => {
    const net = new Network({ label: "learn" });
    const stim = net.node({ output: 0.5, label: "stim" });
    const a = net.ensemble({ nNeurons: 10, dimensions: 2, label: "a" });
    const b = net.ensemble({ nNeurons: 10, dimensions: 2, label: "b" });
    const pes = new PES({ learningRate: 1e-3 });
    const conn = net.connect(a, b, { learningRule: pes });
    const error = net.node({ sizeIn: 2, label: "error" });
    net.connect(stim, error, { transform: [[-1], [-1]] });
    net.connect(b, error);
    const rule = defined(conn.learningRule);
    expect(rule).toBeInstanceOf(LearningRule);
    expect(rule.rule).toBe(pes);
    expect(rule.connection).toBe(conn);
    expect(rule.errorSize).toBe(2);
    expect(net.nodes).toContain(rule);
    const errConn = net.connect(error, rule);
    expect(errConn.post).toBe(rule);
    expect(String(rule)).toBe("Connection[0].learningRule (PES)");
    expect(validate(net, { throw: false })).toEqual([]);
  });

  it("is null without a rule, and one rule type can serve several connections", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 5, dimensions: 1 });
    const pes = new PES();
    expect(net.connect(a, a).learningRule).toBeNull();
    const c1 = net.connect(a, net.node({ sizeIn: 1 }), { learningRule: pes });
    const c2 = net.connect(a, net.node({ sizeIn: 1 }), { learningRule: pes });
    expect(c1.learningRule).not.toBe(c2.learningRule);
  });

  it("reports an error of the wrong size when validating", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 5, dimensions: 2 });
    const conn = net.connect(a, net.node({ sizeIn: 2 }), { learningRule: new PES(), transform: [[1, 0]], postSlice: [0] });
    expect(defined(conn.learningRule).errorSize).toBe(1);
    net.connect(net.node({ output: [1, 2] }), defined(conn.learningRule));
    expect(() => validate(net)).toThrow(ValidationError);
  });

  it("rejects what PES cannot learn, naming the attribute", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 5, dimensions: 1 });
    const d = net.ensemble({ nNeurons: 5, dimensions: 1, neuronType: new Direct() });
    const n = net.node({ output: 1 });
    const bad: (() => unknown)[] = [
      () => net.connect(n, a, { learningRule: new PES() }),
      () => net.connect(d, a, { learningRule: new PES() }),
      () => net.connect(a.neurons, a, { learningRule: new PES() }),
      // test_pes_adv_idx: into neurons the post slice must be a slice (evenly spaced), not advanced indexing
      () => net.connect(a.neurons, a.neurons, { postSlice: [0, 2, 3], learningRule: new PES(), transform: Array.from({ length: 3 }, () => [1, 1, 1, 1, 1]) }),
    ];
    for (const f of bad) {
      expect(f).toThrow(ValidationError);
      try {
        f();
      } catch (e) {
        expect((e as ValidationError).attr).toBe("learningRule");
      }
    }
    expect(() => net.connect(a.neurons, a, { learningRule: new PES(), transform: [[1, 1, 1, 1, 1]] })).not.toThrow();
    // into neurons, or on full weights, PES learns through the post encoders: its error is in the post ensemble's space (post_state)
    const b = net.ensemble({ nNeurons: 6, dimensions: 3 });
    expect(net.connect(a, b.neurons, { learningRule: new PES(), transform: Array.from({ length: 6 }, () => [1]) }).learningRule?.errorSize).toBe(3);
    expect(net.connect(a, b, { learningRule: new PES(), solver: new LstsqL2({ weights: true }), transform: [[1], [1], [1]] }).learningRule?.errorSize).toBe(3);
    const sliced = { postSlice: { start: 0, stop: 6, step: 2 }, transform: Array.from({ length: 3 }, () => [1, 1, 1, 1, 1]) };
    expect(net.connect(a.neurons, b.neurons, { ...sliced, learningRule: new PES() }).learningRule?.errorSize).toBe(3);
  });
});
