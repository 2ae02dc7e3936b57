// The gradient engines train Sparse and Convolution transforms (their stored values / kernel) and
// a Dense drawn from a distribution: gradients against finite differences, the same loss as the
// equivalent dense matrix, and the trained kernel frozen into the simulator.
import { type ConnectionTransform, Convolution, ConvolutionTranspose, convolutionTaps, Gaussian, Network, parameterName, Sigmoid, Sparse } from "@plexus/core";
import { f64At, i32At, numAt } from "@plexus/core/runtime";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CompiledModel } from "../src/engine/CompiledModel.js";
import { TypedEngine } from "../src/engine/TypedEngine.js";
import { TfjsEngine } from "../src/tfjs/TfjsEngine.js";

/** u (port) -> transform -> Sigmoid ensemble's neurons -> decoded y: the transform feeds a nonlinearity. */
function net(t: ConnectionTransform | number[][]) {
  const sizeIn = Array.isArray(t) ? defined(t[0]).length : t.sizeIn;
  const sizeOut = Array.isArray(t) ? t.length : t.sizeOut;
  const n = new Network({ seed: 3, inputs: { u: sizeIn }, outputs: { y: 1 } });
  const ens = n.ensemble({ nNeurons: sizeOut, dimensions: 1, neuronType: new Sigmoid(), gain: new Array(sizeOut).fill(1), bias: new Array(sizeOut).fill(0.1) });
  const conn = n.connect(n.in.u, ens.neurons, { transform: t, synapse: null });
  n.connect(ens, n.out.y, { synapse: null });
  return { n, conn };
}

const batch = (sizeIn: number) => ({
  inputs: { u: Float64Array.from({ length: 3 * 2 * sizeIn }, (_, i) => Math.sin(0.7 * i)) },
  targets: { y: Float64Array.from({ length: 3 * 2 }, (_, i) => 0.3 * Math.cos(i)) },
  batchSize: 3,
  steps: 2,
});

function gradientCheck(model: CompiledModel, name: string, sizeIn: number, tol: number, eps: number): void {
  const b = batch(sizeIn);
  model.lossAndGradients(b);
  const g = model.gradient(name);
  const w0 = model.getParameter(name);
  expect(g.some((v) => v !== 0)).toBe(true);
  for (const k of [0, Math.floor(w0.length / 2), w0.length - 1]) {
    const at = (d: number): number => {
      const w = Float64Array.from(w0);
      w[k] = defined(w[k]) + d;
      model.setParameter(name, w);
      return model.evaluate(b);
    };
    const fd = (at(eps) - at(-eps)) / (2 * eps);
    expect(Math.abs(fd - defined(g[k]))).toBeLessThanOrEqual(tol * Math.max(1e-3, Math.abs(fd)));
  }
  model.setParameter(name, w0);
}

const transforms: Record<string, () => ConnectionTransform> = {
  Sparse: () =>
    new Sparse({
      shape: [5, 6],
      indices: [
        [0, 0],
        [1, 2],
        [2, 5],
        [4, 1],
        [4, 3],
        [3, 3],
      ],
      init: [0.5, -0.4, 0.3, 0.2, -0.6, 0.1],
    }),
  Convolution: () => new Convolution({ nFilters: 2, inputShape: [4, 4, 1], kernelSize: [3, 3], padding: "same", strides: [2, 1] }),
  ConvolutionTranspose: () => new ConvolutionTranspose({ nFilters: 2, inputShape: [2, 3, 2], kernelSize: [2, 2], strides: [2, 2], channelsLast: false }),
};

describe("the gradient engines train Sparse and convolution transforms", () => {
  for (const [kind, make] of Object.entries(transforms)) {
    it(`${kind}: typed engine gradients of the values match finite differences`, () => {
      const { n, conn } = net(make());
      const model = new TypedEngine().compile(n);
      const name = parameterName(conn, "weights", n);
      expect(defined(model.parameters.find((p) => p.name === name)).trainable).toBe(true);
      gradientCheck(model, name, make().sizeIn, 1e-6, 1e-6);
    });

    it(`${kind}: the tfjs engine gives the typed engine's loss and gradients (float32)`, async () => {
      const { n, conn } = net(make());
      const typed = new TypedEngine().compile(n);
      const tfjs = await new TfjsEngine().compile(n);
      const name = parameterName(conn, "weights", n);
      const b = batch(make().sizeIn);
      expect(tfjs.lossAndGradients(b)).toBeCloseTo(typed.lossAndGradients(b), 5);
      const gt = typed.gradient(name);
      const gf = tfjs.gradient(name);
      const scale = Math.max(...Array.from(gt, Math.abs));
      for (let i = 0; i < gt.length; i++) expect(Math.abs(defined(gf[i]) - defined(gt[i]))).toBeLessThanOrEqual(1e-4 * scale);
      tfjs.dispose();
    });
  }

  it("a Convolution's loss is the loss of its dense matrix, and its kernel gradient sums the dense gradient over the taps", () => {
    const conv = defined(transforms["Convolution"])() as Convolution;
    const a = net(conv);
    const model = new TypedEngine().compile(a.n);
    const name = parameterName(a.conn, "weights", a.n);
    const dense = defined(build(a.n).built.connections.get(a.conn)).denseWeights;
    const rows = Array.from({ length: conv.sizeOut }, (_, i) => Array.from(dense.subarray(i * conv.sizeIn, (i + 1) * conv.sizeIn)));
    const d = net(rows);
    const dm = new TypedEngine().compile(d.n);
    const b = batch(conv.sizeIn);
    expect(model.lossAndGradients(b)).toBeCloseTo(dm.lossAndGradients(b), 12);
    const gk = model.gradient(name);
    const gd = dm.gradient(parameterName(d.conn, "weights", d.n));
    const taps = convolutionTaps(conv);
    const summed = new Float64Array(gk.length);
    for (let o = 0; o < conv.sizeOut; o++)
      for (let k = i32At(taps.rowPtr, o); k < i32At(taps.rowPtr, o + 1); k++) {
        const at = i32At(taps.kernelIndex, k);
        summed[at] = f64At(summed, at) + numAt(gd, o * conv.sizeIn + i32At(taps.inputIndex, k));
      }
    for (let i = 0; i < gk.length; i++) expect(gk[i]).toBeCloseTo(defined(summed[i]), 12);
  });

  it("trained kernels freeze into the simulator: its output is the engine's prediction", () => {
    const { n, conn } = net(defined(transforms["Convolution"])());
    const model = new TypedEngine().compile(n);
    const name = parameterName(conn, "weights", n);
    const kernel = model.getParameter(name).map((v, i) => v + 0.01 * Math.sin(i));
    model.setParameter(name, kernel);
    const u = Float64Array.from({ length: 4 * 16 }, (_, i) => Math.cos(0.3 * i));
    const predicted = defined(model.predict({ u }, 1, 4)["y"]);
    const sim = new Simulator(build(n, { overrides: new Map([[name, kernel]]) }), { progress: false });
    sim.setInput("u", u);
    const y = new Float64Array(4);
    for (let k = 0; k < 4; k++) {
      sim.step();
      y[k] = defined(sim.readOutput("y")[0]);
    }
    for (let i = 0; i < 4; i++) expect(y[i]).toBeCloseTo(defined(predicted[i]), 10);
    sim.close();
  });

  it("a Dense drawn from a distribution trains as a matrix, starting from the simulator's draw", () => {
    const g = new Network({ seed: 5, inputs: { u: 3 }, outputs: { y: 1 } });
    const ens = g.ensemble({ nNeurons: 4, dimensions: 1, neuronType: new Sigmoid(), gain: [1, 1, 1, 1], bias: [0, 0, 0, 0] });
    const c = g.connect(g.in.u, ens.neurons, { transform: new Gaussian(0, 0.5), synapse: null });
    g.connect(ens, g.out.y, { synapse: null });
    const model = new TypedEngine().compile(g);
    const name = parameterName(c, "weights", g);
    expect(defined(model.parameters.find((p) => p.name === name)).shape).toEqual([4, 3]);
    expect(Array.from(model.getParameter(name))).toEqual(Array.from(defined(build(g).built.connections.get(c)).weights));
  });
});
