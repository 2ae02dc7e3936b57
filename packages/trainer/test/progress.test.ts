// Training progress goes to a callback only: the trainer draws nothing (it runs in browsers too).
import { Network, type ProgressEvent, Sigmoid, TrainingError } from "@plexus/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { adam, GradientTrainer } from "../src/index.js";

function channel(): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

const u = Float64Array.from({ length: 30 }, (_, k) => Math.sin(k / 4));
const trainer = (): GradientTrainer => new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 10, seed: 0 });

describe("GradientTrainer progress", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reports each minibatch with its loss to the callback, and writes nothing to the terminal", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const events: ProgressEvent[] = [];
    const losses: number[] = [];
    await trainer().fit(
      channel(),
      { inputs: { u }, targets: { y: u } },
      { epochs: 2, progress: (e) => events.push(e), callbacks: { onBatchEnd: (_, logs) => void losses.push(logs.loss) }, onWarning: () => {} },
    );
    expect(events.map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.every((e) => e.task === "channel" && e.unit === "minibatches" && e.total === 6)).toBe(true);
    expect(events.map((e) => e.note)).toEqual(losses.map((loss) => `loss ${loss.toPrecision(4)}`));
    expect(write).not.toHaveBeenCalled();
  });

  it("refuses progress: true (no library draws a bar) with a TrainingError, before compiling", async () => {
    const options = { progress: true } as unknown as { progress: false };
    await expect(trainer().fit(channel(), { inputs: { u }, targets: { y: u } }, options)).rejects.toThrow(TrainingError);
    await expect(trainer().fit(channel(), { inputs: { u }, targets: { y: u } }, options)).rejects.toThrow(/progress must be a callback/);
  });
});
