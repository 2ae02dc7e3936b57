import { type ConnectionOptions, Convolution, Gaussian, LIF, Network, NoTransform, parameterName, Sparse, Uniform } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { build } from "../build.js";
import { Simulator } from "../Simulator.js";

/** u (a fixed vector) -> transform -> v, no synapse; v's probe after one step. */
function through(
  transform: NonNullable<ConnectionOptions["transform"]>,
  sizeIn: number,
  sizeOut: number,
  options: { seed?: number; dtype?: "float32"; overrides?: Map<string, Float64Array> } = {},
) {
  const net = new Network({ seed: options.seed ?? 0 });
  const u = net.node({ output: Array.from({ length: sizeIn }, (_, i) => 0.25 * (i + 1)) });
  const v = net.node({ sizeIn: sizeOut });
  const conn = net.connect(u, v, { transform, synapse: null });
  const p = net.probe(v);
  const plan = build(net, options.overrides !== undefined ? { overrides: options.overrides } : {});
  const sim = new Simulator(plan, { progress: false, ...(options.dtype !== undefined ? { dtype: options.dtype } : {}) });
  sim.runSteps(1);
  return { out: Array.from(sim.data(p).data), built: defined(plan.built.connections.get(conn)), name: parameterName(conn, "weights", net) };
}

describe("transforms on the simulator", () => {
  it("a Distribution transform is drawn at build from the connection's seed: the same seed gives the same weights", () => {
    const a = through(new Uniform(-1, 1), 3, 2, { seed: 5 });
    const b = through(new Uniform(-1, 1), 3, 2, { seed: 5 });
    const c = through(new Uniform(-1, 1), 3, 2, { seed: 6 });
    expect(a.built.weightsShape).toEqual([2, 3]);
    expect(a.built.weights).toEqual(b.built.weights);
    expect(a.built.weights).not.toEqual(c.built.weights);
    expect(a.built.weights.every((w) => w >= -1 && w < 1)).toBe(true);
    // the output is the drawn matrix times the input
    const x = [0.25, 0.5, 0.75];
    const w = a.built.weights;
    expect(a.out[0]).toBeCloseTo(defined(w[0]) * defined(x[0]) + defined(w[1]) * defined(x[1]) + defined(w[2]) * defined(x[2]), 14);
  });

  it("a Sparse transform with a Gaussian init draws its values once per stored entry", () => {
    const r = through(
      new Sparse({
        shape: [2, 3],
        indices: [
          [0, 0],
          [1, 2],
        ],
        init: new Gaussian(0, 1),
      }),
      3,
      2,
    );
    expect(r.built.weightsShape).toEqual([2]);
    expect(r.out).toEqual([defined(r.built.weights[0]) * 0.25, defined(r.built.weights[1]) * 0.75]);
  });

  it("NoTransform passes the input through", () => {
    expect(through(new NoTransform({ sizeIn: 3 }), 3, 3).out).toEqual([0.25, 0.5, 0.75]);
  });

  it("a convolution's kernel can be overridden by name (how a trained kernel is frozen), and float32 mode rounds as it stores", () => {
    const conv = new Convolution({ nFilters: 1, inputShape: [3, 1], kernelSize: [2], strides: [1], init: [[[1]], [[1]]] });
    const r = through(conv, 3, 2);
    expect(r.out).toEqual([0.75, 1.25]);
    const o = through(conv, 3, 2, { overrides: new Map([[r.name, Float64Array.of(2, -1)]]) });
    expect(o.out).toEqual([2 * 0.25 - 0.5, 2 * 0.5 - 0.75]);
    expect(Array.from(o.built.weights)).toEqual([2, -1]);
    const f = through(new Convolution({ nFilters: 1, inputShape: [3, 1], kernelSize: [2], strides: [1], init: [[[0.1]], [[0.2]]] }), 3, 2, {
      dtype: "float32",
    });
    expect(f.out[0]).toBe(Math.fround(Math.fround(0.1) * 0.25 + Math.fround(0.2) * 0.5));
  });

  for (const synapse of [0.005, null]) {
    it(`between spiking neurons (${synapse === null ? "no synapse: by rows, into the gains" : "a synapse: by columns over the spikes"}) the currents are the dense product's`, () => {
      const kernel = Array.from({ length: 9 * 3 }, (_, i) => 0.05 * Math.sin(i + 1));
      const run = (dense: Float64Array | null) => {
        const net = new Network({ seed: 1 });
        const a = net.ensemble({ nNeurons: 16, dimensions: 1, neuronType: new LIF() });
        const b = net.ensemble({ nNeurons: 12, dimensions: 1, neuronType: new LIF() });
        net.connect(net.node({ output: (t: number) => Math.sin(10 * t) }), a);
        const conv = new Convolution({ nFilters: 3, inputShape: [4, 4, 1], init: kernel });
        const rows = dense === null ? null : Array.from({ length: 12 }, (_, i) => Array.from(dense.subarray(i * 16, (i + 1) * 16)));
        const c = net.connect(a.neurons, b.neurons, { transform: rows ?? conv, synapse });
        const p = net.probe(b.neurons, { attr: "input" });
        const plan = build(net);
        const sim = new Simulator(plan, { progress: false });
        sim.runSteps(100);
        return { J: sim.data(p).data, dense: defined(plan.built.connections.get(c)).denseWeights };
      };
      const sparse = run(null);
      const dense = run(sparse.dense);
      let maxErr = 0;
      let scale = 0;
      for (let i = 0; i < dense.J.length; i++) {
        maxErr = Math.max(maxErr, Math.abs(defined(sparse.J[i]) - defined(dense.J[i])));
        scale = Math.max(scale, Math.abs(defined(dense.J[i])));
      }
      expect(maxErr).toBeLessThanOrEqual(1e-14 * scale);
      expect(dense.J.some((v, i) => v !== dense.J[i % 12])).toBe(true); // the currents move
    });
  }
});
