// A network that uses every structure the gradient engines compile: matrix, vector, scalar and
// decoded weights, pre/post slices, connections into neurons (from neurons and from a constant
// node), a decoded recurrent connection, a pass-through node, a subnetwork with ports, a function
// of time, radius ≠ 1, and Lowpass (OneX), Lowpass(0) (NoX), Alpha (NoD) and a LinearFilter with
// a passthrough (General); LIF (spiking), Tanh, RectifiedLinear and Sigmoid neurons.
import { Alpha, LIF, LinearFilter, Lowpass, Network, RectifiedLinear, Rng, Sigmoid, SpikingRectifiedLinear, Tanh, Uniform } from "@plexus/core";
import { defined } from "../../../../test/support/defined.js";
import type { BatchData } from "../../src/engine/CompiledModel.js";

export function richNetwork(options: { readonly spikingRelu?: boolean } = {}) {
  const net = new Network({ label: "rich", seed: 7, inputs: { u: 2 }, outputs: { y: 1, z: 2 } });
  const a = net.ensemble({ label: "a", nNeurons: 30, dimensions: 2, neuronType: new LIF() });
  const b = net.ensemble({ label: "b", nNeurons: 20, dimensions: 1, radius: 1.5, neuronType: new Tanh() });
  const c = net.ensemble({ label: "c", nNeurons: 25, dimensions: 2, neuronType: options.spikingRelu ? new SpikingRectifiedLinear() : new RectifiedLinear() });
  const pass = net.node({ label: "pass", sizeIn: 2 });
  const k = net.node({ label: "k", output: [0.3] });
  const clock = net.node({ label: "clock", output: (t: number) => Math.sin(10 * t) });
  const sub = net.network({ label: "sub", inputs: { i: 1 }, outputs: { o: 1 } });
  const s = sub.ensemble({ label: "s", nNeurons: 15, dimensions: 1, neuronType: new Sigmoid({ tauRef: 0.002 }), maxRates: new Uniform(300, 450) });
  sub.connect(sub.in.i, s, { synapse: null });
  sub.connect(s, sub.out.o, { synapse: 0.01 });

  const rng = new Rng(3);
  const w = (rows: number, cols: number, scale: number): number[][] =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * ((2 * rng.nextUint32()) / 4294967296 - 1)));

  net.connect(net.in.u, a, {
    synapse: 0.005,
    transform: [
      [1, 0.5],
      [-0.3, 1],
    ],
  });
  net.connect(net.in.u, pass, { synapse: null, transform: [0.7, -1.2] });
  net.connect(pass, c, { synapse: new Alpha(0.004) });
  net.connect(a, b, { function: (x) => defined(x[0]) * defined(x[1]), synapse: new LinearFilter([0.002, 1], [0.005, 1]) });
  net.connect(b, b, { synapse: 0.05, transform: 0.9 });
  net.connect(net.in.u, b, { preSlice: [1], synapse: null, transform: 0.5 });
  net.connect(a, c, { preSlice: [0], postSlice: [1], synapse: new Lowpass(0) });
  net.connect(a.neurons, c.neurons, { transform: w(25, 30, 0.0005), synapse: 0.005 });
  net.connect(k, c.neurons, { transform: w(25, 1, 0.5), synapse: null });
  net.connect(clock, b, { synapse: 0.002 });
  net.connect(b, sub.in.i, { synapse: null });
  net.connect(sub.out.o, net.out.y, { synapse: null, transform: 2 });
  net.connect(c, net.out.z, { synapse: null });
  return net;
}

/** `B` examples of `T` steps of smooth random inputs on `u`, and targets for `y` and `z`. */
export function richData(B: number, T: number, seed = 1): BatchData {
  const rng = new Rng(seed);
  const r = (): number => rng.nextUint32() / 4294967296;
  const u = new Float64Array(B * T * 2);
  const y = new Float64Array(B * T);
  const z = new Float64Array(B * T * 2);
  for (let b = 0; b < B; b++) {
    const f = [1 + 4 * r(), 1 + 4 * r()];
    const ph = [6 * r(), 6 * r()];
    for (let t = 0; t < T; t++) {
      const x0 = Math.sin(2 * Math.PI * defined(f[0]) * t * 0.001 + defined(ph[0]));
      const x1 = 0.8 * Math.cos(2 * Math.PI * defined(f[1]) * t * 0.001 + defined(ph[1]));
      u[(b * T + t) * 2] = x0;
      u[(b * T + t) * 2 + 1] = x1;
      y[b * T + t] = x0 * x1;
      z[(b * T + t) * 2] = x1;
      z[(b * T + t) * 2 + 1] = -x0;
    }
  }
  return { inputs: { u }, targets: { y, z }, batchSize: B, steps: T };
}
