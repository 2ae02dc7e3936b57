// Trainers do not pretend (issue 10, item 4): a gradient trainer with nothing to train, with
// outputs no gradient reaches within an example, or with weights a learning rule also changes
// says so instead of "training".
import { LIFRate, Network, PES, Rng, Sigmoid, TrainingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { adam } from "../src/engine/Optimizer.js";
import { GradientTrainer } from "../src/GradientTrainer.js";
import { seedTask } from "./parity/tasks.js";

const rng = new Rng(3);
const u = Float64Array.from({ length: 200 }, () => 2 * rng.random() - 1);
/** 200 examples of one step each. */
const oneStep = { inputs: { u }, targets: { y: u.map((v) => 0.5 * v) } };
const trainer = (): GradientTrainer => new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 50, seed: 0 });

function channel(outSynapse: number | null): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ label: "x", nNeurons: 20, dimensions: 1, neuronType: new Sigmoid() });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: outSynapse });
  return net;
}

async function trainingError(p: Promise<unknown>): Promise<TrainingError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TrainingError);
    return e as TrainingError;
  }
  throw new Error("expected a TrainingError");
}

describe("GradientTrainer does not pretend to train", () => {
  it("refuses a network with nothing trainable", async () => {
    const net = channel(null);
    net.config.setTrainable("ensemble", false).setTrainable("connection", false);
    const e = await trainingError(trainer().fit(net, oneStep, { epochs: 5, progress: false, onWarning: () => {} }));
    expect(e.message).toMatch(/Network 'channel': nothing to train: every encoder, bias and connection weight is frozen/);
  });

  it("refuses an output behind a synapse trained on one-step examples, naming the port and its latency", async () => {
    const e = await trainingError(trainer().fit(channel(0.005), oneStep, { epochs: 2, progress: false, onWarning: () => {} }));
    expect(e.message).toMatch(/out\.y|\.y/);
    expect(e.message).toMatch(/its latency from the trained parameters is 1 step \(synapses on the way\) but each example has 1 step/);
    expect(e.label).toBe("out.y");
    // With examples longer than the latency it trains (and the loss falls).
    const long = { inputs: { u: { data: u, shape: [10, 20, 1] as const } }, targets: { y: { data: u.map((v) => 0.5 * v), shape: [10, 20, 1] as const } } };
    const slow = new GradientTrainer({ optimizer: adam({ learningRate: 1e-4 }), minibatchSize: 5, seed: 0 });
    const trained = await slow.fit(channel(0.005), long, { epochs: 10, progress: false, onWarning: () => {} });
    expect(defined(trained.report.history.at(-1)).loss).toBeLessThan(defined(trained.report.history[0]).loss);
  });

  it("warns, naming the port, when only some outputs with a target see no gradient", async () => {
    const net = new Network({ label: "two", seed: 1, inputs: { u: 1 }, outputs: { y: 1, z: 1 } });
    const x = net.ensemble({ label: "x", nNeurons: 20, dimensions: 1, neuronType: new Sigmoid() });
    net.connect(net.in.u, x, { synapse: null });
    net.connect(x, net.out.y, { synapse: null });
    net.connect(x, net.out.z, { synapse: 0.01 });
    const warnings: string[] = [];
    await trainer().fit(net, { inputs: { u }, targets: { y: u, z: u } }, { epochs: 1, progress: false, onWarning: (m) => void warnings.push(m) });
    const blind = warnings.filter((w) => /no gradient reaches it/.test(w));
    expect(blind).toHaveLength(1);
    expect(blind[0]).toMatch(/\.z: its latency from the trained parameters is 1 step/);
  });

  it("leaves the weights a PES rule changes as built (as nengo_dl), and says so", async () => {
    const net = new Network({ label: "pes", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
    const x = net.ensemble({ label: "x", nNeurons: 20, dimensions: 1, neuronType: new LIFRate() });
    net.connect(net.in.u, x, { synapse: null });
    const learned = net.connect(x, net.out.y, { synapse: null, learningRule: new PES({ learningRate: 1e-4 }) });
    net.connect(x, defined(learned.learningRule), { synapse: null, transform: -1 });
    const warnings: string[] = [];
    const before = await trainer().fit(net, oneStep, { epochs: 0, progress: false, onWarning: () => {} });
    const trained = await trainer().fit(net, oneStep, { epochs: 3, progress: false, onWarning: (m) => void warnings.push(m) });
    const name = "Connection[1].weights";
    expect(defined(trained.parameters[name]).trainable).toBe(false);
    expect(Array.from(defined(trained.parameters[name]).values)).toEqual(Array.from(defined(before.parameters[name]).values));
    expect(Array.from(defined(trained.parameters["x.encoders"]).values)).not.toEqual(Array.from(defined(before.parameters["x.encoders"]).values)); // the rest trains
    expect(
      warnings.some((w) => w.includes(`${name} (PES) is changed online by a learning rule while the network runs, so gradient training leaves it as built`)),
    ).toBe(true);
  });
});

describe("the loss check replaces the factor-of-2 warning", () => {
  it("a converged seed-task run warns nothing, and its engine loss equals the deployed loss to 1e-4 relative (trainLoss still reported)", async () => {
    const { net, full } = seedTask();
    const warnings: string[] = [];
    const trained = await new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 100, seed: 0 }).fit(
      net,
      { inputs: { u: defined(full.inputs["u"]) }, targets: { y: defined(full.targets["y"]) } },
      { epochs: 100, progress: false, onWarning: (m) => void warnings.push(m) },
    );
    const r = trained.report;
    expect(warnings).toEqual([]);
    expect(r.lossesAgree).toBe(true);
    expect(Math.abs(r.finalLoss - r.deployedLoss)).toBeLessThanOrEqual(1e-4 * r.deployedLoss);
    expect(r.trainLoss).toBe(defined(r.history.at(-1)).loss);
    expect(r.deployedLoss).toBeLessThan(1e-3); // converged
  });
});
