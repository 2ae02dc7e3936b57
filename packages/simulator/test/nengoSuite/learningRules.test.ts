// Nengo 4.1's nengo/tests/test_learning_rules.py, translated (the tests Plexus had not covered
// elsewhere). Each `it` names the Nengo test it translates.
// Deliberate differences: Nengo sets `conn.learning_rule_type` after construction
// (test_pes_direct_errors); Plexus connections are immutable, so the rule is given to connect().
// Nengo's `transform=None` is Plexus's `NoTransform`.
import { BCM, Direct, type LearningRule, LstsqL2, Network, NoTransform, PES, ValidationError, Voja } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";

const opts = { progress: false } as const;

/** The ValidationError `make` throws (fails the test when it throws nothing or something else). */
function validationError(make: () => unknown): ValidationError {
  try {
    make();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("expected a ValidationError, but nothing was thrown");
}

describe("test_learning_rules.py", () => {
  it("test_pes_multidim_error: PES learns on connections mapping 3 dimensions (or 20 neurons) to 1, with a 1-dimensional error", () => {
    const net = new Network({ seed: 3 });
    const err = net.node({ output: [0], label: "err" });
    const ens1 = net.ensemble({ nNeurons: 20, dimensions: 3, label: "ens1" });
    const ens2 = net.ensemble({ nNeurons: 10, dimensions: 1, label: "ens2" });
    const ones = (n: number) => [new Array<number>(n).fill(1)];
    const rules: LearningRule[] = [];
    // Case 1: ens -> ens, weights=False; case 2: weights=True; case 3: neurons -> ens
    for (const weights of [false, true]) {
      const conn = net.connect(ens1, ens2, { transform: ones(3), solver: new LstsqL2({ weights }), learningRule: { pes: new PES() } });
      rules.push(conn.learningRuleFor("pes"));
    }
    const conn3 = net.connect(ens1.neurons, ens2, { transform: ones(ens1.nNeurons), learningRule: { pes: new PES() } });
    rules.push(conn3.learningRuleFor("pes"));
    for (const rule of rules) {
      expect(rule.errorSize).toBe(1);
      net.connect(err, rule);
    }
    const sim = new Simulator(net, opts);
    sim.run(0.01);
    expect(sim.nSteps).toBe(10);
  });

  it("test_pes_direct_errors: a learning rule on a connection from a Direct-mode ensemble is refused", () => {
    const net = new Network();
    const pre = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Direct(), label: "pre" });
    const post = net.ensemble({ nNeurons: 10, dimensions: 1, label: "post" });
    net.connect(pre, post);
    const e = validationError(() => net.connect(pre, post, { learningRule: new PES(), label: "c" }));
    expect(e.message).toMatch(/Connection 'c'/);
    expect(e.message).toMatch(/Direct/);
  });

  it("test_null_error: a decoder or weight rule needs weights (refused on a NoTransform from neurons); an encoder rule does not", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 1, dimensions: 1, label: "a" });
    const b = net.ensemble({ nNeurons: 1, dimensions: 1, label: "b" });
    const none = () => new NoTransform({ sizeIn: 1 });
    // works with a decoded connection (the weights are generated as part of the decoding)
    net.connect(a, b, { learningRule: new PES(), transform: none() });
    // error on a neuron connection for a decoder learning rule
    const pes = validationError(() => net.connect(a.neurons, b, { learningRule: new PES(), transform: none(), label: "pes" }));
    expect(pes.message).toMatch(/Connection 'pes'.*does not have weights/);
    // works for a decoded connection with solver weights: true
    net.connect(a, b, { solver: new LstsqL2({ weights: true }), learningRule: new BCM(), transform: none() });
    // error on a neuron connection for a weights learning rule
    const bcm = validationError(() => net.connect(a.neurons, b.neurons, { learningRule: new BCM(), transform: none(), label: "bcm" }));
    expect(bcm.message).toMatch(/Connection 'bcm'.*does not have weights/);
    // works with encoder learning rules (they need no transform)
    net.connect(a.neurons, b, { learningRule: new Voja(), transform: none() });
    expect(() => new Simulator(net, opts).step()).not.toThrow();
  });

  it("test_learning_post_error: a learning rule's post must be an Ensemble, Neurons or Node, not another learning rule", () => {
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 10, dimensions: 1, label: "ens" });
    const conn = net.connect(ens, ens, { learningRule: new PES() });
    const rule = conn.learningRule;
    if (rule === null) throw new Error("the connection has no learning rule");
    const e = validationError(() => net.connect(ens, rule, { learningRule: new PES(), label: "c" }));
    expect(e.attr).toBe("learningRule");
    expect(e.message).toMatch(/Connection 'c'.*'post' must be an Ensemble, Neurons or Node/);
  });

  it("test_encoder_learning_post_errors: an encoder rule needs an Ensemble post, and encoders in use", () => {
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 2, dimensions: 2, label: "ens" });
    const toNode = validationError(() => net.connect(ens, net.node({ sizeIn: 2 }), { learningRule: new Voja(), label: "c1" }));
    expect(toNode.message).toMatch(/Connection 'c1'.*'post' must be an Ensemble/);
    const weights = validationError(() => net.connect(ens, ens, { solver: new LstsqL2({ weights: true }), learningRule: new Voja(), label: "c2" }));
    expect(weights.message).toMatch(/Connection 'c2'.*does not use/);
  });

  it("test_bad_weight_learning_rule_transform_shape: a weight rule into neurons needs a post-neurons × pre-neurons transform", () => {
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 5, dimensions: 1, label: "ens" });
    const ones = Array.from({ length: 5 }, () => [1]);
    const e = validationError(() => net.connect(ens, ens.neurons, { transform: ones, learningRule: new BCM(), label: "c" }));
    expect(e.message).toMatch(/Connection 'c'.*transform must be .*post neurons × pre neurons/);
  });
});
