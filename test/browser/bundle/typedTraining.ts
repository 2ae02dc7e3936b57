// The trainer's typed engine in the browser: a seeded port network (u → 50 LIF → y) compiled by
// the typed engine and trained a few full-batch Adam steps towards y = u², through the engine's
// public API (compile, lossAndGradients, applyOptimizer). Imported by file: @plexus/trainer's
// package entry still reaches node:crypto, node:fs and tfjs (it needs a browser entry point).
import { Network } from "@plexus/core";
import { adam, optimizerState } from "../../../packages/trainer/src/engine/Optimizer.js";
import { typedEngine } from "../../../packages/trainer/src/engine/TypedEngine.js";
import { float64Hex } from "./channel.js";

/** What a training run hands back: each epoch's loss and every trained parameter, as hex bytes. */
export interface TypedTrainingHex {
  readonly losses: string;
  readonly parameters: { readonly name: string; readonly hex: string }[];
}

/** Trains `epochs` Adam steps (learning rate 1e-4) on 4 examples of 50 steps each. */
export async function typedTrainingAsHex(epochs: number, seed = 0): Promise<TypedTrainingHex> {
  const net = new Network({ label: "seed", seed, inputs: { u: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({ nNeurons: 50, dimensions: 1, label: "ens" });
  net.connect(net.in.u, ens);
  net.connect(ens, net.out.y);
  const model = await typedEngine.compile(net, { dt: 0.001, seed });
  const [batchSize, steps] = [4, 50];
  const u = new Float64Array(batchSize * steps);
  for (let i = 0; i < u.length; i++) u[i] = Math.sin((2 * Math.PI * i) / steps + Math.floor(i / steps));
  const batch = { inputs: { u }, targets: { y: u.map((x) => x * x) }, batchSize, steps };
  const state = optimizerState(adam({ learningRate: 1e-4 }));
  const losses = new Float64Array(epochs);
  for (let epoch = 0; epoch < epochs; epoch++) {
    losses[epoch] = model.lossAndGradients(batch);
    model.applyOptimizer(state);
  }
  const parameters = model.parameters.filter((p) => p.trainable).map((p) => ({ name: p.name, hex: float64Hex(model.getParameter(p.name).slice()) }));
  model.dispose();
  return { losses: float64Hex(losses), parameters };
}
