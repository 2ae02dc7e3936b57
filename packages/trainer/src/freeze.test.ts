import { Network, Sigmoid, TrainingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { freeze } from "./freeze.js";

function channel() {
  const net = new Network({ label: "channel", seed: 0, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 8, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

const u = Float64Array.from({ length: 50 }, (_, k) => Math.sin(k / 8));
const data = { inputs: { u }, targets: { y: u } };

describe("freeze (the shared last step of every trainer)", () => {
  it("applies parameters by name and measures the deployed loss on the simulator", () => {
    const plain = freeze(channel(), { parameters: {}, data, run: { trainer: "LeastSquares", epochs: 1, trainLoss: 0.5 }, onWarning: () => {} });
    const zeroed = freeze(channel(), { parameters: { "Connection[1].weights": { shape: [1, 8], values: new Float64Array(8) } }, data, run: { trainer: "LeastSquares", epochs: 1, trainLoss: 0.5 }, onWarning: () => {} });
    // with zero decoders the output is 0, so the loss is the mean square of the targets
    expect(zeroed.report.deployedLoss).toBeCloseTo(u.reduce((s, v) => s + v * v, 0) / u.length, 12);
    expect(plain.report.deployedLoss).toBeLessThan(zeroed.report.deployedLoss);
    expect(zeroed.report).toMatchObject({ trainer: "LeastSquares", engine: "LeastSquares", loss: "mse", epochs: 1, history: [{ epoch: 0, loss: 0.5 }], seed: 0, dt: 0.001 });
  });

  it("warns with both numbers when the trainer's loss and the deployed loss differ by more than a factor of 2", () => {
    const warnings: string[] = [];
    const t = freeze(channel(), { parameters: {}, data, run: { trainer: "PES", epochs: 1, trainLoss: 1e-9 }, onWarning: (m) => void warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("1.000e-9");
    expect(warnings[0]).toContain(t.report.deployedLoss.toPrecision(4));
    const quiet: string[] = [];
    freeze(channel(), { parameters: {}, data, run: { trainer: "PES", epochs: 1, trainLoss: t.report.deployedLoss * 1.9 }, onWarning: (m) => void quiet.push(m) });
    expect(quiet).toEqual([]);
  });

  it("rejects unknown parameter names and shapes that do not match the values", () => {
    const run = { trainer: "x", epochs: 0, trainLoss: NaN };
    expect(() => freeze(channel(), { parameters: { "y.encoders": { shape: [1], values: [1] } }, data, run })).toThrow(TrainingError);
    expect(() => freeze(channel(), { parameters: { "x.bias": { shape: [8], values: [1] } }, data, run })).toThrow(/has shape \[8\] but 1 values/);
  });
});
