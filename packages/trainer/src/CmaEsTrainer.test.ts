import { LIFRate, Network, TrainingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { independentLoss, rateChannel, relDiff, sineData, spikingChannel } from "../test/nongradient/fixtures.js";
import { CmaEsTrainer } from "./CmaEsTrainer.js";
import { partialResult } from "./partialResult.js";

const half = (v: number): number => 0.5 * v;

describe("CmaEsTrainer", () => {
  for (const [kind, make] of [
    ["rate (LIFRate)", rateChannel],
    ["spiking (LIF)", spikingChannel],
  ] as const) {
    it(`${kind}: finds the input port transform that halves the channel`, async () => {
      const net = make();
      const { u, y } = sineData(1, 300, half);
      const data = { inputs: { u }, targets: { y } };
      const trainer = new CmaEsTrainer({ parameters: ["Connection[0].weights"], maxGenerations: 20, seed: 1 });
      const initial = await trainer.evaluate(net, data);
      const trained = await trainer.fit(net, data);
      const r = trained.report;
      expect(r.trainer).toBe("CmaEsTrainer");
      expect(r.history).toHaveLength(r.epochs);
      expect(defined(trained.parameters["Connection[0].weights"]).shape).toEqual([]);
      expect(defined(trained.parameters["Connection[0].weights"]).values[0]).toBeCloseTo(0.5, 1);
      expect(r.deployedLoss).toBeLessThan(initial / 20);
      expect(r.trainLoss).toBe(r.deployedLoss); // the search measures candidates as freeze does
      expect(relDiff(await trainer.evaluate(trained, data), r.deployedLoss)).toBe(0);
      expect(relDiff(independentLoss(net, trained, data.inputs, data.targets), r.deployedLoss)).toBe(0);
    });
  }

  it("by default optimises the port transforms and the output decoders, deterministically for a seed", async () => {
    const net = rateChannel({ nNeurons: 20 });
    const { u, y } = sineData(1, 200, (v) => 0.8 * v * v - 0.2);
    const data = { inputs: { u }, targets: { y } };
    const trainer = new CmaEsTrainer({ maxGenerations: 12, seed: 7 });
    const initial = await trainer.evaluate(net, data);
    const a = await trainer.fit(net, data);
    const b = await trainer.fit(net, data);
    expect(a.parameterNames).toEqual(["Connection[0].weights", "Connection[1].weights"]);
    expect(defined(a.parameters["Connection[1].weights"]).values).toEqual(defined(b.parameters["Connection[1].weights"]).values);
    expect(a.report.deployedLoss).toBe(b.report.deployedLoss);
    expect(a.report.deployedLoss).toBeLessThan(initial);
    expect(defined(a.report.history[a.report.epochs - 1]).loss).toBeLessThan(defined(a.report.history[0]).loss);
  });

  it("trains through what gradients cannot pass: a node function of its input", async () => {
    const net = new Network({ label: "clipped", seed: 2, inputs: { u: 1 }, outputs: { y: 1 } });
    const clip = net.node({ output: (_t, x) => Math.max(-0.5, Math.min(0.5, defined(x[0]))), sizeIn: 1, label: "clip" });
    const a = net.ensemble({ nNeurons: 30, dimensions: 1, neuronType: new LIFRate(), label: "a" });
    net.connect(net.in.u, clip, { synapse: null });
    net.connect(clip, a, { synapse: null });
    net.connect(a, net.out.y, { synapse: 0.005 });
    const { u, y } = sineData(1, 300, (v) => 0.8 * Math.max(-0.5, Math.min(0.5, v)));
    const trained = await new CmaEsTrainer({ parameters: ["Connection[1].weights"], maxGenerations: 15, seed: 3 }).fit(net, { inputs: { u }, targets: { y } });
    expect(defined(trained.parameters["Connection[1].weights"]).values[0]).toBeCloseTo(0.8, 1);
  });

  it("returns the initial values when nothing beats them (0 generations)", async () => {
    const net = rateChannel();
    const { u, y } = sineData(1, 50, half);
    const trainer = new CmaEsTrainer({ maxGenerations: 0 });
    const trained = await trainer.fit(net, { inputs: { u }, targets: { y } }, { onWarning: () => {} });
    expect(trained.report.epochs).toBe(0);
    expect(trained.report.deployedLoss).toBe(await trainer.evaluate(net, { inputs: { u }, targets: { y } }));
  });

  it("names unknown, frozen and doubled parameters", async () => {
    const net = rateChannel();
    const { u, y } = sineData(1, 10, half);
    const data = { inputs: { u }, targets: { y } };
    const reject = async (trainer: CmaEsTrainer, label: string): Promise<void> => {
      const err = await trainer.fit(net, data).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrainingError);
      expect((err as TrainingError).label).toBe(label);
    };
    await reject(new CmaEsTrainer({ parameters: ["b.bias"] }), "b.bias");
    await reject(new CmaEsTrainer({ parameters: ["a.bias", "a.bias"] }), "a.bias");
    await reject(new CmaEsTrainer({ parameters: ["a.bias"], scales: { "a.gain": 1 } }), "a.gain");
    net.config.setTrainable(defined(net.ensembles[0]).neurons, false);
    await reject(new CmaEsTrainer({ parameters: ["a.bias"] }), "a.bias");
    expect(() => new CmaEsTrainer({ sigma0: 0 })).toThrow(/sigma0/);
    expect(() => new CmaEsTrainer({ populationSize: 1 })).toThrow(/populationSize/);
  });

  it("optimises ensemble parameters by name too", async () => {
    const net = rateChannel({ nNeurons: 10 });
    const { u, y } = sineData(1, 100, half);
    const trained = await new CmaEsTrainer({ parameters: ["a.bias", "a.gain"], maxGenerations: 3, seed: 5 }).fit(
      net,
      { inputs: { u }, targets: { y } },
      { onWarning: () => {} },
    );
    expect(defined(trained.parameters["a.bias"]).shape).toEqual([10]);
    expect(defined(trained.parameters["a.gain"]).shape).toEqual([10]);
  });

  it("stops on an aborted signal, keeping the best values so far", async () => {
    const controller = new AbortController();
    const { u, y } = sineData(1, 100, half);
    const err = await new CmaEsTrainer({ parameters: ["Connection[0].weights"], maxGenerations: 50 })
      .fit(
        rateChannel(),
        { inputs: { u }, targets: { y } },
        { signal: controller.signal, callbacks: { onEpochEnd: (g) => (g === 2 ? controller.abort() : undefined) } },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).label).toBe("signal");
    const kept = defined(partialResult(err));
    expect(kept.report.stopped?.reason).toBe("aborted");
    expect(kept.report.epochs).toBe(3);
  });
});
