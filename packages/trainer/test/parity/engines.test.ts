// The two engines agree on a network that uses every compiled structure, and the surrogate mode
// trains through the real spiking step.
import { Network, Sigmoid, TrainingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose } from "../../../../test/support/reference.js";
import { thrownBy } from "../../../../test/support/thrown.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { TfjsEngine } from "../../src/tfjs/TfjsEngine.js";
import { richData, richNetwork } from "./richNetwork.js";
import { normRelError, seedTask } from "./tasks.js";

describe("tfjs and typed engines", () => {
  it("compute the same loss and gradients (norm-wise 1e-4) through every structure", async () => {
    const net = richNetwork();
    const data = richData(3, 40);
    const typed = new TypedEngine().compile(net);
    const tfm = await new TfjsEngine({ backend: "wasm" }).compile(net);
    expect(tfm.parameters).toEqual(typed.parameters);
    for (const p of typed.parameters) expectAllClose(tfm.getParameter(p.name), typed.getParameter(p.name), { rtol: 0, atol: 0, what: p.name });
    const a = typed.lossAndGradients(data);
    const b = tfm.lossAndGradients(data);
    expectAllClose([b], [a], { rtol: 1e-4, atol: 0, what: "loss" });
    for (const p of typed.parameters) {
      if (!p.trainable) continue;
      const err = normRelError(tfm.gradient(p.name), typed.gradient(p.name));
      if (!(err <= 1e-4)) throw new Error(`gradient of ${p.name}: norm-wise relative difference ${err}`);
    }
    tfm.dispose();
  });

  it("take a user loss function the same way", async () => {
    const net = richNetwork();
    const data = richData(2, 20);
    const l1 = {
      name: "mean absolute error",
      value(pred: Float64Array, target: Float64Array, grad: Float64Array | null): number {
        let s = 0;
        for (let i = 0; i < pred.length; i++) {
          const e = defined(pred[i]) - defined(target[i]);
          s += Math.abs(e);
          if (grad !== null) grad[i] = Math.sign(e) / pred.length;
        }
        return s / pred.length;
      },
    };
    const typed = new TypedEngine().compile(net, { loss: l1 });
    const tfm = await new TfjsEngine({ backend: "wasm" }).compile(net, { loss: l1 });
    expectAllClose([tfm.lossAndGradients(data)], [typed.lossAndGradients(data)], { rtol: 1e-4, atol: 0, what: "loss" });
    for (const p of typed.parameters) {
      if (p.trainable) expect(normRelError(tfm.gradient(p.name), typed.gradient(p.name))).toBeLessThan(1e-3);
    }
    expectAllClose([tfm.evaluate(data)], [typed.evaluate(data)], { rtol: 1e-4, atol: 0, what: "evaluate" });
    tfm.dispose();
  });

  it("predict the same outputs for rate neurons", async () => {
    const task = seedTask();
    const typed = new TypedEngine().compile(task.net);
    const tfm = await new TfjsEngine({ backend: "cpu" }).compile(task.net);
    const x = defined(task.full.inputs["u"]);
    const a = defined(typed.predict({ u: x }, x.length, 1)["y"]);
    const b = defined(tfm.predict({ u: x }, x.length, 1)["y"]);
    expect(normRelError(b, a)).toBeLessThan(1e-4);
    expectAllClose([tfm.evaluate(task.full)], [typed.evaluate(task.full)], { rtol: 1e-3, atol: 0, what: "mse" });
    tfm.dispose();
  });
});

describe("surrogate gradients", () => {
  it("run the real spiking step forward and the SoftLIF derivative backward", async () => {
    const data = richData(2, 50);
    const spiking = new TypedEngine().compile(richNetwork({ spikingRelu: true }), { spikingApproximation: "surrogate" });
    const smooth = new TypedEngine().compile(richNetwork({ spikingRelu: true }));
    const trainLoss = spiking.lossAndGradients(data);
    // The training forward pass is the inference pass: spikes from the same initial state.
    expect(trainLoss).toBe(spiking.evaluate(data));
    expect(smooth.lossAndGradients(data)).not.toBe(trainLoss);
    for (const p of spiking.parameters) {
      if (!p.trainable) continue;
      const g = spiking.gradient(p.name);
      expect(g.every(Number.isFinite)).toBe(true);
    }
    expect(spiking.gradient("a.bias").some((v) => v !== 0)).toBe(true);

    const tfm = await new TfjsEngine({ backend: "wasm" }).compile(richNetwork({ spikingRelu: true }), { spikingApproximation: "surrogate" });
    const tfLoss = tfm.lossAndGradients(data);
    expectAllClose([tfLoss], [tfm.evaluate(data)], { rtol: 1e-6, atol: 0, what: "tfjs surrogate loss" });
    expect(tfm.gradient("a.bias").every(Number.isFinite)).toBe(true);
    tfm.dispose();
  });
});

describe("a time function that changes its number of values", () => {
  it("is a TrainingError naming the node in both engines", async () => {
    const net = new Network({ label: "clocked", inputs: { u: 1 }, outputs: { y: 2 } });
    const clock = net.node({ label: "clock", sizeOut: 2, output: (t: number) => (t < 0.0025 ? [t, -t] : [t]) });
    const a = net.ensemble({ nNeurons: 10, dimensions: 2, neuronType: new Sigmoid(), label: "a" });
    net.connect(net.in.u, a, { transform: [[1], [0]], synapse: null });
    net.connect(clock, a, { synapse: null });
    net.connect(a, net.out.y, { synapse: null });
    const batch = { inputs: { u: new Float64Array(5) }, targets: { y: new Float64Array(10) }, batchSize: 1, steps: 5 };
    const typed = new TypedEngine().compile(net);
    const tfm = await new TfjsEngine({ backend: "cpu" }).compile(net);
    for (const model of [typed, tfm]) {
      const err = thrownBy(TrainingError, () => model.lossAndGradients(batch));
      expect(err.label).toContain("clock");
      expect(err.message).toMatch(/gave 1 values at step 3, expected 2/);
    }
    tfm.dispose();
  });
});
