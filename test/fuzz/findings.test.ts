// What the fuzz suite found, each kept as a regression test.
import { LIFRate, Network, PortError, TrainingError, ValidationError } from "@plexus/core";
import { adam, GradientTrainer, partialResult } from "@plexus/trainer";
import { describe, expect, it } from "vitest";
import { defined } from "../support/defined.js";

describe("fuzz findings", () => {
  it("a node, an ensemble or a port sized past 2^31 - 1 is a ValidationError or PortError, not a RangeError at build", () => {
    const net = new Network({});
    expect(() => net.node({ output: () => [1], sizeOut: 1e300 })).toThrow(ValidationError);
    expect(() => net.node({ sizeIn: 2 ** 31 })).toThrow(/Node\.sizeIn: must be at most 2\^31 - 1 = 2147483647 \(got 2147483648\)/);
    expect(() => net.ensemble({ nNeurons: 1e12, dimensions: 1 })).toThrow(/nNeurons: must be at most 2\^31 - 1/);
    expect(() => net.ensemble({ nNeurons: 2, dimensions: 2 ** 53 })).toThrow(ValidationError);
    expect(() => new Network({ inputs: { u: 1e300 } })).toThrow(PortError);
    expect(() => new Network({ inputs: { u: 1e300 } })).toThrow(/port 'u' dimension must be at most 2\^31 - 1/);
  });

  it("a learning rate that drives the final parameters to Infinity stops the GradientTrainer with a TrainingError, keeping the parameters before that step", async () => {
    const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
    const x = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new LIFRate() });
    net.connect(net.in.u, x, { synapse: null });
    net.connect(x, net.out.y, { synapse: null });
    const data = { inputs: { u: Float64Array.of(0.3, -0.2) }, targets: { y: Float64Array.of(0.1, 0.5) } };
    const trainer = new GradientTrainer({ minibatchSize: 2, optimizer: adam({ learningRate: 1e300 }) });
    let error: unknown;
    try {
      await trainer.fit(net, data, { epochs: 1, progress: false, onWarning: () => {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as Error).message).toMatch(
      /the loss of the final parameters is (Infinity|NaN); training stopped and the parameters before the last optimiser step were kept/,
    );
    const kept = defined(partialResult(error as TrainingError));
    expect(Number.isFinite(kept.report.deployedLoss)).toBe(true);
    expect(kept.report.deployedLoss).toBe((await trainer.fit(net, data, { epochs: 0, progress: false, onWarning: () => {} })).report.deployedLoss);
  });
});
