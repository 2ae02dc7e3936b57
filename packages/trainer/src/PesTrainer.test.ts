import { LIFRate, Network, NoSolver, PES, TrainingError } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { independentLoss, rateChannel, relDiff, sineData, spikingChannel } from "../test/nongradient/fixtures.js";
import { PesTrainer } from "./PesTrainer.js";
import { partialResult } from "./partialResult.js";

const identity = (v: number): number => v;
const quiet = { onWarning: (): void => {} };

describe("PesTrainer", () => {
  for (const [kind, make] of [
    ["rate (LIFRate)", rateChannel],
    ["spiking (LIF)", spikingChannel],
  ] as const) {
    it(`${kind}: learns a communication channel from zero decoders, and freezes what it learned`, async () => {
      const net = make();
      const { u, y } = sineData(2, 1000, identity);
      const data = { inputs: { u }, targets: { y } };
      const trainer = new PesTrainer({ learningRate: 1e-4, init: "zeros" });
      const epochs: number[] = [];
      const trained = await trainer.fit(net, data, { epochs: 5, ...quiet, callbacks: { onEpochEnd: (_, logs) => void epochs.push(logs.loss) } });
      const r = trained.report;
      expect(r.trainer).toBe("PesTrainer");
      expect(r.epochs).toBe(5);
      expect(r.history.map((h) => h.loss)).toEqual(epochs);
      const [first] = epochs;
      expect(epochs).toHaveLength(5);
      expect(epochs[4]).toBeLessThan(defined(first, "the first epoch's loss") / 2); // the error shrinks as it learns
      expect(r.trainLoss).toBe(epochs[4]);
      const silent = y.data.reduce((s, v) => s + v * v, 0) / y.data.length; // the loss of zero decoders
      expect(r.deployedLoss).toBeLessThan(silent / 30);
      expect(relDiff(await trainer.evaluate(trained, data), r.deployedLoss)).toBe(0);
      expect(relDiff(independentLoss(net, trained, data.inputs, data.targets), r.deployedLoss)).toBeLessThan(1e-4);
      expect(trained.parameters["Connection[1].weights"]?.shape).toEqual([1, 40]);
    });
  }

  it("learns exactly what core's PES learns on the simulator when wired by hand (error = output − target, each step)", async () => {
    const steps = 600;
    const { u, y } = sineData(1, steps, (v) => 0.5 * v + 0.2);
    const net = new Network({ label: "channel", seed: 9, inputs: { u: 1 }, outputs: { y: 1 } });
    const a = net.ensemble({ nNeurons: 25, dimensions: 1, neuronType: new LIFRate(), label: "a" });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(a, net.out.y, { synapse: 0.005 });
    const trained = await new PesTrainer({ learningRate: 2e-3, preSynapse: 0.01, init: "zeros" }).fit(net, { inputs: { u }, targets: { y } }, quiet);

    // The classic Nengo wiring: the learned connection into a node b, error = b − target into the rule.
    const byHand = new Network({ label: "channel", seed: 9, inputs: { u: 1, target: 1 }, outputs: { y: 1 } });
    const a2 = byHand.ensemble({ nNeurons: 25, dimensions: 1, neuronType: new LIFRate(), label: "a" });
    byHand.connect(byHand.in.u, a2, { synapse: null });
    const b = byHand.node({ sizeIn: 1, label: "b" });
    const conn = byHand.connect(a2, b, { synapse: 0.005, solver: new NoSolver(), learningRule: new PES({ learningRate: 2e-3, preSynapse: 0.01 }) });
    byHand.connect(b, byHand.out.y, { synapse: null });
    const error = byHand.node({ sizeIn: 1, label: "error" });
    byHand.connect(b, error, { synapse: null });
    byHand.connect(byHand.in.target, error, { transform: -1, synapse: null });
    byHand.connect(error, defined(conn.learningRule, "the PES rule of the learned connection"), { synapse: null });
    const pW = byHand.probe(conn, { attr: "weights" });
    const sim = new Simulator(byHand, { progress: false });
    sim.setInput("u", u.data);
    sim.setInput("target", y.data);
    sim.runSteps(steps);
    const w = sim.data(pW).data;
    const learned = defined(trained.parameters["Connection[1].weights"], "the learned weights").values;
    const last = w.subarray(w.length - 25);
    expect(learned).toHaveLength(25);
    for (const [j, v] of last.entries()) expect(learned[j]).toBeCloseTo(v, 14);
    expect(Math.max(...Array.from(last, Math.abs))).toBeGreaterThan(0);
  });

  it("starts from the build's decoders by default, and is deterministic (shuffled too)", async () => {
    const net = rateChannel();
    const { u, y } = sineData(3, 200, identity);
    const data = { inputs: { u }, targets: { y } };
    const trainer = new PesTrainer({ learningRate: 1e-4, seed: 4 });
    const asBuilt = await trainer.evaluate(net, data);
    const t1 = await trainer.fit(net, data, { epochs: 2, shuffle: true, ...quiet });
    const t2 = await trainer.fit(net, data, { epochs: 2, shuffle: true, ...quiet });
    expect(t1.parameters["Connection[1].weights"]?.values).toEqual(defined(t2.parameters["Connection[1].weights"], "the weights of t2").values);
    expect(t1.report.deployedLoss).toBeLessThan(asBuilt * 1.5);
    const none = await trainer.fit(net, data, { epochs: 0, ...quiet });
    expect(none.report.deployedLoss).toBe(asBuilt);
    expect(none.report.trainLoss).toBeNaN();
  });

  it("stops when the outputs blow up, keeping the weights from before (partialResult)", async () => {
    const { u, y } = sineData(2, 300, identity);
    const err = await new PesTrainer({ learningRate: 100, init: "zeros" })
      .fit(rateChannel(), { inputs: { u }, targets: { y } }, quiet)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).label).toBe("out.y");
    const kept = partialResult(err);
    expect(kept?.report.stopped?.reason).toBe("nonFiniteLoss");
    expect(Number.isFinite(defined(kept, "the partial result").report.deployedLoss)).toBe(true);
  });

  it("stops on an aborted signal, keeping the weights so far", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const { u, y } = sineData(1, 50, identity);
    const err = await new PesTrainer().fit(rateChannel(), { inputs: { u }, targets: { y } }, { signal: controller.signal, ...quiet }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).label).toBe("signal");
    expect(partialResult(err)?.report.stopped?.reason).toBe("aborted");
  });

  it("rejects networks it cannot train", async () => {
    const { u, y } = sineData(1, 10, identity);
    const own = rateChannel();
    own.connect(defined(own.ensembles[0], "the channel's ensemble"), own.node({ sizeIn: 1 }), { learningRule: new PES() });
    await expect(new PesTrainer().fit(own, { inputs: { u }, targets: { y } })).rejects.toThrow(/learning rules of its own/);
    const frozen = rateChannel();
    frozen.config.setTrainable("connection", false);
    await expect(new PesTrainer().fit(frozen, { inputs: { u }, targets: { y } })).rejects.toThrow(TrainingError);
    expect(() => new PesTrainer({ learningRate: -1 })).toThrow(/learningRate/);
  });
});
