// The gradient trainer leaves what BCM, Oja, Voja, PES (into neurons, on full weights) and a
// user-defined rule type change online as built (as nengo_dl does), naming the parameter and the rule, and trains the rest.
import { BCM, BuildError, CustomLearningRule, type LearningRuleTypes, LIFRate, LstsqL2, Network, Oja, PES, Rng, type RuleStep, Voja } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { adam } from "../src/engine/Optimizer.js";
import { GradientTrainer } from "../src/GradientTrainer.js";

const rng = new Rng(3);
const u = Float64Array.from({ length: 100 }, () => 2 * rng.random() - 1);
const oneStep = { inputs: { u }, targets: { y: u.map((v) => 0.5 * v) } };
const trainer = (): GradientTrainer => new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 50, seed: 0 });

/** A user-defined weights rule (Δω = −κ · dt · ω), named by its class. */
class Decay extends CustomLearningRule {
  static override readonly modifies = "weights";
  step(s: RuleStep): void {
    for (let k = 0; k < s.delta.length; k++) s.delta[k] = -this.learningRate * s.dt * (s.target[k] ?? 0);
  }
}

/** u -> x -> (learned) -> z -> y; Voja learns z's encoders, the others the x.neurons -> z.neurons weights (or x -> z full weights). */
function net(rule: LearningRuleTypes, weightSolver = false) {
  const n = new Network({ label: "learned", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = n.ensemble({ label: "x", nNeurons: 10, dimensions: 1, neuronType: new LIFRate() });
  const z = n.ensemble({ label: "z", nNeurons: 10, dimensions: 1, neuronType: new LIFRate() });
  n.connect(n.in.u, x, { synapse: null });
  if (rule instanceof Voja) n.connect(x, z, { synapse: null, learningRule: rule });
  else if (weightSolver) n.connect(x, z, { synapse: null, solver: new LstsqL2({ weights: true }), learningRule: rule });
  else
    n.connect(x.neurons, z.neurons, {
      synapse: null,
      transform: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => ((i + j) % 3) * 1e-3)),
      learningRule: rule,
    });
  n.connect(z, n.out.y, { synapse: null });
  return n;
}

describe("gradient training around BCM, Oja, Voja, PES into neurons and a custom rule", () => {
  for (const [rule, name, kinds] of [
    [new BCM(), "Connection[1].weights", "BCM"],
    [new Oja(), "Connection[1].weights", "Oja"],
    [new Voja(), "z.encoders", "Voja"],
    [new PES(), "Connection[1].weights", "PES"],
    [[new PES(), new BCM()], "Connection[1].weights", "PES+BCM"],
    [new Decay({ learningRate: 1 }), "Connection[1].weights", "Decay"],
  ] as const) {
    it(`leaves ${name} (${kinds}) as built, with a warning naming it, and trains the rest`, async () => {
      const warnings: string[] = [];
      const before = await trainer().fit(net(rule), oneStep, { epochs: 0, progress: false, onWarning: () => {} });
      const trained = await trainer().fit(net(rule), oneStep, { epochs: 2, progress: false, onWarning: (m) => void warnings.push(m) });
      const learned = defined(trained.parameters[name], `trained parameter ${name}`);
      expect(learned.trainable).toBe(false);
      expect(Array.from(learned.values)).toEqual(Array.from(defined(before.parameters[name], `parameter ${name} as built`).values));
      const encoders = defined(trained.parameters["x.encoders"], "trained x.encoders").values;
      expect(Array.from(encoders)).not.toEqual(Array.from(defined(before.parameters["x.encoders"], "x.encoders as built").values));
      expect(warnings.some((w) => w.includes(`${name} (${kinds}) is changed online by a learning rule`))).toBe(true);
    });
  }

  it("refuses PES on a connection solved for full weights (LstsqL2 weights: true) by name, with a typed error", async () => {
    const err = await trainer()
      .fit(net(new PES(), true), oneStep, { epochs: 1, progress: false, onWarning: () => {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).message).toMatch(/Connection\[1\]\.solver: a weight solver \(weights: true\) is not supported by the gradient engines/);
  });
});
