// GradientTrainer.fit end to end: callbacks, shuffling, validation, every bad-input class, a loss
// that becomes NaN (the last good parameters kept, the epoch named) and an abort signal.
import { Network, Sigmoid, TrainingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { typedEngine } from "../src/engine/TypedEngine.js";
import { adam, type CompiledModel, type Engine, type EpochLogs, GradientTrainer, partialResult } from "../src/index.js";

function channel(): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 20, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

const x = Float64Array.from({ length: 300 }, (_, k) => Math.sin(2 * Math.PI * 5 * k * 0.001));
const data = { inputs: { u: x }, targets: { y: x } };
const quiet = { onWarning: () => {} };

async function trainingError(p: Promise<unknown>): Promise<TrainingError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TrainingError);
    return e as TrainingError;
  }
  throw new Error("expected a TrainingError");
}

/** The typed engine, with the loss of the `nanAt`-th minibatch (counted from 0) replaced by NaN; records each call's parameters. */
function nanEngine(nanAt: number, seen: Map<string, Float64Array>[]): Engine {
  return {
    name: "typed",
    compile(net, options) {
      const model = typedEngine.compile(net, options) as CompiledModel;
      let calls = 0;
      return new Proxy(model, {
        get(target, prop, receiver) {
          if (prop === "lossAndGradients") {
            return (batch: Parameters<CompiledModel["lossAndGradients"]>[0]) => {
              seen.push(new Map(target.parameters.map((p) => [p.name, target.getParameter(p.name)])));
              const loss = target.lossAndGradients(batch);
              return calls++ === nanAt ? NaN : loss;
            };
          }
          const v: unknown = Reflect.get(target, prop, receiver);
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
  };
}

describe("GradientTrainer.fit", () => {
  it("calls onBatchEnd for every minibatch and onEpochEnd for every epoch, and keeps the history", async () => {
    const batches: [number, number][] = [];
    const epochs: EpochLogs[] = [];
    const trainer = new GradientTrainer({ minibatchSize: 128, seed: 3 });
    const trained = await trainer.fit(channel(), data, {
      epochs: 2,
      ...quiet,
      callbacks: { onBatchEnd: (b, logs) => void batches.push([logs.epoch, b]), onEpochEnd: (_e, logs) => void epochs.push(logs) },
    });
    expect(batches).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]); // 300 examples: 128 + 128 + 44
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(trained.report.history).toEqual(epochs);
    expect(trained.report.trainLoss).toBe(defined(epochs[1]).loss);
    expect(trained.report).toMatchObject({ trainer: "GradientTrainer", engine: "typed", loss: "mse", epochs: 2, dt: 0.001, seed: 1 });
  });

  it("reports trainLoss as the size-weighted running average of the last epoch's minibatch losses", async () => {
    const losses: { loss: number; size: number }[] = [];
    const trained = await new GradientTrainer({ minibatchSize: 128 }).fit(channel(), data, {
      epochs: 1,
      ...quiet,
      callbacks: { onBatchEnd: (_b, logs) => void losses.push(logs) },
    });
    const avg = losses.reduce((s, l) => s + l.loss * l.size, 0) / 300;
    expect(trained.report.trainLoss).toBeCloseTo(avg, 12);
  });

  it("shuffles from the trainer's seed: the same seed gives the same parameters, another seed others", async () => {
    const run = async (seed: number, shuffle = true) =>
      defined(
        (await new GradientTrainer({ minibatchSize: 50, seed, optimizer: adam({ learningRate: 1e-3 }) }).fit(channel(), data, { epochs: 2, shuffle, ...quiet }))
          .parameters["x.encoders"],
      ).values;
    const a = await run(7);
    expect(Array.from(await run(7))).toEqual(Array.from(a));
    expect(Array.from(await run(8))).not.toEqual(Array.from(a));
    expect(Array.from(await run(7, false))).toEqual(Array.from(await run(8, false)));
  });

  it("evaluates validation data at the end of each epoch", async () => {
    const trained = await new GradientTrainer({ minibatchSize: 100 }).fit(channel(), data, {
      epochs: 2,
      validationData: { inputs: { u: x.subarray(0, 50) }, targets: { y: x.subarray(0, 50) } },
      ...quiet,
    });
    expect(trained.report.history.every((h) => typeof h.valLoss === "number" && Number.isFinite(h.valLoss))).toBe(true);
  });

  it("does not change the network: the trained parameters are overrides", async () => {
    const net = channel();
    const trainer = new GradientTrainer({ minibatchSize: 100 });
    const before = await trainer.evaluate(net, data);
    const trained = await trainer.fit(net, data, { epochs: 3, ...quiet });
    expect(await trainer.evaluate(net, data)).toBe(before);
    expect(trained.report.deployedLoss).not.toBe(before);
  });

  it("warns, with both numbers, when the engine's own loss of the final parameters is not the deployed loss (an engine that computes another network)", async () => {
    const warnings: string[] = [];
    const scaled: Engine = {
      name: "typed",
      compile(net, options) {
        const model = typedEngine.compile(net, options) as CompiledModel;
        return new Proxy(model, {
          get(target, prop, receiver) {
            if (prop === "evaluate") return (b: Parameters<CompiledModel["evaluate"]>[0]) => target.evaluate(b) * 1.01;
            const v: unknown = Reflect.get(target, prop, receiver);
            return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        });
      },
    };
    const trained = await new GradientTrainer({ minibatchSize: 100, engine: scaled }).fit(channel(), data, {
      epochs: 1,
      onWarning: (m) => void warnings.push(m),
    });
    expect(warnings).toHaveLength(1);
    expect(trained.report.lossesAgree).toBe(false);
    expect(trained.report.finalLoss / trained.report.deployedLoss).toBeCloseTo(1.01, 12);
    expect(warnings[0]).toContain(trained.report.finalLoss.toPrecision(10));
    expect(warnings[0]).toContain(trained.report.deployedLoss.toPrecision(10));
    const honest = await new GradientTrainer({ minibatchSize: 100 }).fit(channel(), data, { epochs: 1, onWarning: (m) => void warnings.push(m) });
    expect(honest.report.lossesAgree).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  describe("bad input: TrainingError naming the port", () => {
    const trainer = new GradientTrainer({ minibatchSize: 100 });
    it("unknown port", async () => {
      const e = await trainingError(trainer.fit(channel(), { inputs: { u: x, w: x }, targets: { y: x } } as typeof data));
      expect(e.message).toMatch(/inputs\.w names no input port; the input ports of Network 'channel' are u \(1\)/);
      expect(e.label).toBe("in.w");
      const t = await trainingError(trainer.fit(channel(), { inputs: { u: x }, targets: { z: x } } as unknown as typeof data));
      expect(t.label).toBe("out.z");
    });
    it("wrong shape, expected vs got", async () => {
      const e = await trainingError(trainer.fit(channel(), { inputs: { u: { data: new Float64Array(20), shape: [5, 2, 2] } }, targets: { y: x } }));
      expect(e.message).toMatch(/inputs\.u: expected shape \(batch, steps, 1\), got \(5, 2, 2\)/);
      const b = await trainingError(trainer.fit(channel(), { inputs: { u: x }, targets: { y: x.subarray(0, 10) } }));
      expect(b.message).toMatch(/targets\.y: has 10 examples of 1 step, but inputs\.u has 300 examples of 1 step/);
    });
    it("NaN or infinity in the data, and where", async () => {
      const bad = Float64Array.from(x);
      bad[42] = NaN;
      const e = await trainingError(trainer.fit(channel(), { inputs: { u: bad }, targets: { y: x } }));
      expect(e.message).toMatch(/inputs\.u: value \[42\]\[0\]\[0\] \(example 42, step 0, dimension 0\) is NaN/);
      const inf = Float64Array.from(x);
      inf[7] = -Infinity;
      const v = await trainingError(trainer.fit(channel(), data, { validationData: { inputs: { u: inf }, targets: { y: x } } }));
      expect(v.message).toMatch(/^validationData: .*inputs\.u: value \[7\]\[0\]\[0\].* is -Infinity/);
    });
  });

  it("a loss that becomes NaN stops training, names the epoch, and keeps the parameters of the last finite loss", async () => {
    const seen: Map<string, Float64Array>[] = [];
    // 300 examples in minibatches of 100: 3 per epoch; the 8th call (epoch 2, minibatch 1) returns NaN.
    const trainer = new GradientTrainer({ minibatchSize: 100, engine: nanEngine(7, seen) });
    const e = await trainingError(trainer.fit(channel(), data, { epochs: 5, ...quiet }));
    expect(e.message).toMatch(
      /the loss became NaN in epoch 2, minibatch 1; training stopped and the parameters that gave the last finite loss \(before minibatch 0 of epoch 2's step\) were kept/,
    );
    expect(e.label).toBe("out.y");
    const kept = partialResult<{ u: 1 }, { y: 1 }>(e);
    expect(kept).toBeDefined();
    expect(defined(kept).report.stopped).toMatchObject({ reason: "nonFiniteLoss", epoch: 2, batch: 1 });
    expect(defined(kept).report.epochs).toBe(2);
    // the parameters the 7th call (the last finite loss) was computed with
    const last = defined(seen[6]);
    for (const [name, values] of last) expect(Array.from(defined(defined(kept).parameters[name]).values)).toEqual(Array.from(values));
    expect(Number.isFinite(defined(kept).report.deployedLoss)).toBe(true);
  });

  it("an optimiser that diverges to an infinite loss stops the same way", async () => {
    const trainer = new GradientTrainer({ minibatchSize: 100, optimizer: adam({ learningRate: 1e300 }) });
    const e = await trainingError(trainer.fit(channel(), data, { epochs: 5, ...quiet }));
    expect(e.message).toMatch(/the loss became (NaN|Infinity) in epoch \d+, minibatch \d+/);
    expect(partialResult(e)).toBeDefined();
  });

  it("an abort signal stops training with a TrainingError and the parameters at that moment", async () => {
    const controller = new AbortController();
    const trainer = new GradientTrainer({ minibatchSize: 100 });
    const e = await trainingError(
      trainer.fit(channel(), data, {
        epochs: 10,
        signal: controller.signal,
        ...quiet,
        callbacks: { onBatchEnd: (b, logs) => (logs.epoch === 1 && b === 1 ? controller.abort(new Error("user")) : undefined) },
      }),
    );
    expect(e.message).toMatch(/training was aborted during epoch 1 before minibatch 2/);
    expect(e.cause).toEqual(new Error("user"));
    const kept = partialResult(e);
    expect(kept?.report.stopped).toMatchObject({ reason: "aborted", epoch: 1, batch: 2 });
    expect(kept?.report.epochs).toBe(1);
  });

  it("an abort from a timer reaches a long training (fit lets the event loop run)", async () => {
    const trainer = new GradientTrainer({ minibatchSize: 1 });
    const signal = AbortSignal.timeout(50);
    const started = performance.now();
    const e = await trainingError(trainer.fit(channel(), data, { epochs: 10_000, signal, ...quiet }));
    expect(e.message).toMatch(/aborted/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("an already aborted signal stops before the first minibatch, keeping the initial parameters", async () => {
    const trainer = new GradientTrainer({ minibatchSize: 100 });
    const e = await trainingError(trainer.fit(channel(), data, { epochs: 1, signal: AbortSignal.abort(), ...quiet }));
    expect(partialResult(e)?.report.stopped).toMatchObject({ reason: "aborted", epoch: 0, batch: 0 });
    // the initial parameters: what a fit of 0 epochs deploys (the simulator's loss, bit for bit;
    // the engine's evaluate() agrees only up to the rounding of its own sum)
    expect(partialResult(e)?.report.deployedLoss).toBe((await trainer.fit(channel(), data, { epochs: 0, ...quiet })).report.deployedLoss);
  });

  it("checks its options", () => {
    expect(() => new GradientTrainer({ minibatchSize: 0 })).toThrow(/minibatchSize: must be an integer >= 1/);
    expect(() => new GradientTrainer({ dt: -1 })).toThrow(TrainingError);
  });
});
