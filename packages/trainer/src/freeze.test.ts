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
    const zeroed = freeze(channel(), {
      parameters: { "Connection[1].weights": { shape: [1, 8], values: new Float64Array(8) } },
      data,
      run: { trainer: "LeastSquares", epochs: 1, trainLoss: 0.5 },
      onWarning: () => {},
    });
    // with zero decoders the output is 0, so the loss is the mean square of the targets
    expect(zeroed.report.deployedLoss).toBeCloseTo(u.reduce((s, v) => s + v * v, 0) / u.length, 12);
    expect(plain.report.deployedLoss).toBeLessThan(zeroed.report.deployedLoss);
    expect(zeroed.report).toMatchObject({
      trainer: "LeastSquares",
      engine: "LeastSquares",
      loss: "mse",
      epochs: 1,
      history: [{ epoch: 0, loss: 0.5 }],
      seed: 0,
      dt: 0.001,
    });
  });

  it("checks what must hold: the trainer's own loss of the final parameters equals the deployed loss to 1e-4 relative", () => {
    const deployed = freeze(channel(), { parameters: {}, data, run: { trainer: "T", epochs: 1, trainLoss: NaN }, onWarning: () => {} }).report.deployedLoss;
    const warnings: string[] = [];
    const run = (finalLoss: number) => ({ trainer: "T", epochs: 1, trainLoss: 100 * deployed, finalLoss });
    const agree = freeze(channel(), { parameters: {}, data, run: run(deployed * (1 + 0.9e-4)), onWarning: (m) => void warnings.push(m) });
    // trainLoss (a running average while parameters moved) is reported, never compared: no warning at 100x.
    expect(warnings).toEqual([]);
    expect(agree.report).toMatchObject({ trainLoss: 100 * deployed, finalLoss: deployed * (1 + 0.9e-4), lossesAgree: true });
    const off = freeze(channel(), { parameters: {}, data, run: run(deployed * (1 + 2e-4)), onWarning: (m) => void warnings.push(m) });
    expect(off.report.lossesAgree).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(deployed.toPrecision(10));
    expect(warnings[0]).toMatch(/relative difference 0\.000200, more than 0\.0001\): the trainer and the simulator do not compute the same network/);
    const none = freeze(channel(), { parameters: {}, data, run: { trainer: "T", epochs: 1, trainLoss: 1e-9 }, onWarning: (m) => void warnings.push(m) });
    expect(none.report).toMatchObject({ lossesAgree: null });
    expect(none.report.finalLoss).toBeNaN();
    expect(warnings).toHaveLength(1);
  });

  it("rejects unknown parameter names and shapes that do not match the values", () => {
    const run = { trainer: "x", epochs: 0, trainLoss: NaN };
    expect(() => freeze(channel(), { parameters: { "y.encoders": { shape: [1], values: [1] } }, data, run })).toThrow(TrainingError);
    expect(() => freeze(channel(), { parameters: { "x.bias": { shape: [8], values: [1] } }, data, run })).toThrow(/has shape \[8\] but 1 values/);
  });
});
