import { BuildError, Network, PortError, parameterName, Sigmoid, TrainingError, WhiteNoise } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose } from "../../../../test/support/reference.js";
import { adam, OptimizerState } from "./Optimizer.js";
import { TypedEngine } from "./TypedEngine.js";

function small() {
  const net = new Network({ label: "small", inputs: { u: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({ label: "e", nNeurons: 10, dimensions: 1, neuronType: new Sigmoid(), gain: new Array(10).fill(1), bias: new Array(10).fill(0) });
  const cin = net.connect(net.in.u, ens, { synapse: null });
  const cout = net.connect(ens, net.out.y, { synapse: 0.005 });
  return { net, ens, cin, cout };
}

const batch = (B: number, T: number) => ({
  inputs: { u: Float64Array.from({ length: B * T }, (_, i) => Math.sin(i)) },
  targets: { y: Float64Array.from({ length: B * T }, (_, i) => Math.cos(i)) },
  batchSize: B,
  steps: T,
});

describe("TypedEngine", () => {
  it("names parameters by parameterName and follows net.config trainable flags", () => {
    const { net, ens, cin, cout } = small();
    net.config.setTrainable(cin, false);
    const model = new TypedEngine().compile(net);
    expect(model.parameters).toEqual([
      { name: parameterName(ens, "encoders", net), shape: [10, 1], trainable: true },
      { name: "e.bias", shape: [10], trainable: true },
      { name: parameterName(cin, "weights", net), shape: [], trainable: false },
      { name: parameterName(cout, "weights", net), shape: [1, 10], trainable: true },
    ]);
    model.lossAndGradients(batch(4, 5));
    expect(() => model.gradient("Connection[0].weights")).toThrow(/not trainable/);
    const before = model.getParameter("Connection[0].weights");
    model.applyOptimizer(new OptimizerState(adam()));
    expect(model.getParameter("Connection[0].weights")).toEqual(before);
  });

  it("trains: the loss goes down", () => {
    const { net } = small();
    const model = new TypedEngine().compile(net);
    const opt = new OptimizerState(adam({ learningRate: 1e-2 }));
    const data = batch(8, 20);
    const first = model.evaluate(data);
    for (let i = 0; i < 50; i++) {
      model.lossAndGradients(data);
      model.applyOptimizer(opt);
    }
    expect(model.evaluate(data)).toBeLessThan(first);
  });

  it("reports misuse with the parameter or port at fault", () => {
    const { net } = small();
    const model = new TypedEngine().compile(net);
    expect(() => model.getParameter("nope")).toThrow(TrainingError);
    expect(() => model.setParameter("e.bias", [1, 2])).toThrow(/'e.bias' has 10 values/);
    expect(() => model.gradient("e.bias")).toThrow(/call lossAndGradients first/);
    expect(() => model.applyOptimizer(new OptimizerState(adam()))).toThrow(/call lossAndGradients first/);
    expect(() => model.lossAndGradients({ ...batch(2, 3), inputs: {} })).toThrow(PortError);
    expect(() => model.lossAndGradients({ ...batch(2, 3), targets: {} })).toThrow(/no target/);
    expect(() => model.lossAndGradients({ ...batch(2, 3), targets: { y: new Float64Array(5) } })).toThrow(/batch.targets.y: has 5 values/);
    expect(() => model.predict({ u: new Float64Array(6), v: new Float64Array(6) }, 2, 3)).toThrow(/no input port 'v'/);
    model.dispose();
    expect(() => model.evaluate(batch(2, 3))).toThrow(/after dispose/);
  });

  it("refuses what it cannot differentiate, naming the object", () => {
    const a = small();
    a.net.connect(a.net.node({ label: "f", sizeIn: 1, output: (_t: number, x: Float64Array) => defined(x[0]) ** 2 }), a.ens, {});
    a.net.connect(a.ens, defined(a.net.nodes[0]), { synapse: null });
    expect(() => new TypedEngine().compile(a.net)).toThrow(BuildError);
    expect(() => new TypedEngine().compile(a.net)).toThrow(/Node 'f'.output: a function of the node's input cannot be differentiated/);
    const b = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
    const e = b.ensemble({ label: "noisy", nNeurons: 5, dimensions: 1, noise: new WhiteNoise() });
    b.connect(b.in.u, e);
    b.connect(e, b.out.y);
    expect(() => new TypedEngine().compile(b)).toThrow(/Ensemble 'noisy'.noise/);
  });

  it("allocates its buffers once: repeated steps of one shape reuse them", () => {
    const { net } = small();
    const model = new TypedEngine().compile(net, { dtype: "float32" });
    const data = batch(4, 6);
    const opt = new OptimizerState(adam());
    const l1 = model.lossAndGradients(data);
    model.applyOptimizer(opt);
    model.lossAndGradients(data);
    model.applyOptimizer(opt);
    expect(Number.isFinite(l1)).toBe(true);
    // a larger batch grows the buffers; a smaller one then reuses them
    expect(Number.isFinite(model.lossAndGradients(batch(9, 6)))).toBe(true);
    expect(model.lossAndGradients(data)).toBeCloseTo(model.lossAndGradients(data), 12);
  });
});

describe("TypedEngine with a user loss", () => {
  const userMse = (scale: number) => ({
    name: "scaled mse",
    value(pred: Float64Array, target: Float64Array, grad: Float64Array | null): number {
      let s = 0;
      for (let i = 0; i < pred.length; i++) {
        const e = defined(pred[i]) - defined(target[i]);
        s += e * e;
        if (grad !== null) grad[i] = (scale * 2 * e) / pred.length;
      }
      return (scale * s) / pred.length;
    },
  });

  it("gives the built-in mse's loss and gradients when it computes the mse, and scales with it", () => {
    const { net } = small();
    const data = batch(5, 7);
    const builtIn = new TypedEngine().compile(net);
    const user = new TypedEngine().compile(net, { loss: userMse(1) });
    const double = new TypedEngine().compile(net, { loss: userMse(2) });
    const l = builtIn.lossAndGradients(data);
    expect(user.lossAndGradients(data)).toBeCloseTo(l, 15);
    expect(double.lossAndGradients(data)).toBeCloseTo(2 * l, 15);
    for (const p of builtIn.parameters) {
      if (!p.trainable) continue;
      const g = builtIn.gradient(p.name);
      expectAllClose(user.gradient(p.name), g, { rtol: 1e-12, atol: 1e-300, what: p.name });
      expectAllClose(
        double.gradient(p.name),
        g.map((v) => 2 * v),
        { rtol: 1e-12, atol: 1e-300, what: p.name },
      );
    }
    expect(user.evaluate(data)).toBeCloseTo(builtIn.evaluate(data), 15);
    expect(() => new TypedEngine().compile(net, { loss: "mae" as "mse" })).toThrow(/CompileOptions.loss/);
  });
});
