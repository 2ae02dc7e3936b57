// The gradient trainer leaves what BCM, Oja and Voja change online as built (as it does for PES,
// and as nengo_dl does), naming the parameter and the rule, and trains the rest.
import { BCM, type LearningRuleType, LIFRate, Network, Oja, Rng, Voja } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { adam } from "../src/engine/Optimizer.js";
import { GradientTrainer } from "../src/GradientTrainer.js";

const rng = new Rng(3);
const u = Float64Array.from({ length: 100 }, () => 2 * rng.random() - 1);
const oneStep = { inputs: { u }, targets: { y: u.map((v) => 0.5 * v) } };
const trainer = (): GradientTrainer => new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 50, seed: 0 });

/** u -> x -> (learned) -> z -> y; Voja learns z's encoders, BCM/Oja the x.neurons -> z.neurons weights. */
function net(rule: LearningRuleType) {
  const n = new Network({ label: rule.kind, seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = n.ensemble({ label: "x", nNeurons: 10, dimensions: 1, neuronType: new LIFRate() });
  const z = n.ensemble({ label: "z", nNeurons: 10, dimensions: 1, neuronType: new LIFRate() });
  n.connect(n.in.u, x, { synapse: null });
  if (rule.kind === "Voja") n.connect(x, z, { synapse: null, learningRule: rule });
  else
    n.connect(x.neurons, z.neurons, {
      synapse: null,
      transform: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => ((i + j) % 3) * 1e-3)),
      learningRule: rule,
    });
  n.connect(z, n.out.y, { synapse: null });
  return n;
}

describe("gradient training around BCM, Oja and Voja", () => {
  for (const [rule, name] of [
    [new BCM(), "Connection[1].weights"],
    [new Oja(), "Connection[1].weights"],
    [new Voja(), "z.encoders"],
  ] as const) {
    it(`leaves ${name} (${rule.kind}) as built, with a warning naming it, and trains the rest`, async () => {
      const warnings: string[] = [];
      const before = await trainer().fit(net(rule), oneStep, { epochs: 0, progress: false, onWarning: () => {} });
      const trained = await trainer().fit(net(rule), oneStep, { epochs: 2, progress: false, onWarning: (m) => void warnings.push(m) });
      expect(trained.parameters[name]!.trainable).toBe(false);
      expect(Array.from(trained.parameters[name]!.values)).toEqual(Array.from(before.parameters[name]!.values));
      expect(Array.from(trained.parameters["x.encoders"]!.values)).not.toEqual(Array.from(before.parameters["x.encoders"]!.values));
      expect(warnings.some((w) => w.includes(`${name} (${rule.kind}) is changed online by a learning rule`))).toBe(true);
    });
  }
});
