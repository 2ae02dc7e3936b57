// The six simulator benchmark networks of ../shared/reference/baselines.md (same networks, same
// sizes), and two more that bench/peers/nengo_bench.py builds the same way in Nengo: g, a 2-D
// Convolution between LIF neurons; h, a CircularConvolution of 64-D vectors.
import { CircularConvolution, Convolution, EnsembleArray, LIF, Network, Rng, Sigmoid, Uniform } from "@plexus/core";

export interface SimCase {
  readonly id: string;
  readonly title: string;
  readonly make: () => Network;
}

const sin = (t: number): number[] => [Math.sin(2 * Math.PI * t)];

/**
 * Case d's stimulus, sin(2π k t) for k = 1..16, in a fresh array each step as Nengo's
 * `np.sin(2 * np.pi * np.arange(1, 17) * t)` makes one (the same products in the same order): a
 * plain loop, where `Array.from({ length: 16 }, f)` took a sixth of case d's time.
 */
function sines16(t: number): Float64Array {
  const out = new Float64Array(16);
  for (let i = 0; i < 16; i++) out[i] = Math.sin(2 * Math.PI * (i + 1) * t);
  return out;
}

function channel(neuronType: () => LIF | Sigmoid, layers: number): Network {
  const net = new Network({ seed: 0 });
  const stim = net.node({ output: sin });
  let prev: Parameters<Network["connect"]>[0] = stim;
  for (let i = 0; i < layers; i++) {
    const ens = net.ensemble({ nNeurons: 100, dimensions: 1, neuronType: neuronType() });
    net.connect(prev, ens);
    prev = ens;
  }
  const out = net.node({ sizeIn: 1 });
  net.connect(prev, out);
  net.probe(out, { synapse: null });
  return net;
}

export const simCases: readonly SimCase[] = [
  { id: "a", title: "Node → Ensemble(100, LIF) → Node", make: () => channel(() => new LIF(), 1) },
  { id: "b", title: "as a, Sigmoid neurons", make: () => channel(() => new Sigmoid({ tauRef: 0.0025 }), 1) },
  { id: "c", title: "Node → Ens(100) → Ens(100) → Node", make: () => channel(() => new LIF(), 2) },
  {
    id: "d",
    title: "EnsembleArray(50 × 16) integrator",
    make: () => {
      const net = new Network({ seed: 0 });
      const ea = net.add(new EnsembleArray({ nNeurons: 50, nEnsembles: 16 }));
      const stim = net.node({ output: sines16 });
      net.connect(stim, ea.input, { transform: 0.1, synapse: 0.1 });
      net.connect(ea.output, ea.input, { synapse: 0.1 });
      net.probe(ea.output, { synapse: null });
      return net;
    },
  },
  {
    id: "e",
    title: "Ensemble(10000, 64) decoded recurrent",
    make: () => {
      const net = new Network({ seed: 0 });
      const ens = net.ensemble({ nNeurons: 10000, dimensions: 64 });
      const c = net.node({ output: new Array(64).fill(0.1) });
      net.connect(c, ens);
      net.connect(ens, ens, { synapse: 0.1 });
      net.probe(ens, { synapse: null });
      return net;
    },
  },
  {
    id: "f",
    title: "Ensemble(1000) neuron-to-neuron 1000×1000",
    make: () => {
      const net = new Network({ seed: 0 });
      const ens = net.ensemble({ nNeurons: 1000, dimensions: 1 });
      const stim = net.node({ output: sin });
      net.connect(stim, ens);
      const rng = new Rng(1);
      const w = new Float64Array(1000 * 1000);
      for (let i = 0; i < w.length; i++) w[i] = 0.001 * rng.normal();
      const rows = Array.from({ length: 1000 }, (_, i) => w.subarray(i * 1000, (i + 1) * 1000));
      net.connect(ens.neurons, ens.neurons, { transform: rows });
      net.probe(ens.neurons, { synapse: null });
      return net;
    },
  },
  {
    id: "g",
    title: "Convolution 28×28×1 → 26×26×8 (3×3) between LIF neurons",
    make: () => {
      const net = new Network({ seed: 0 });
      const a = net.ensemble({ nNeurons: 28 * 28, dimensions: 1 });
      net.connect(net.node({ output: sin }), a);
      const conv = new Convolution({ nFilters: 8, inputShape: [28, 28, 1], kernelSize: [3, 3], init: new Uniform(-0.05, 0.05) });
      const b = net.ensemble({ nNeurons: conv.sizeOut, dimensions: 1 });
      net.connect(a.neurons, b.neurons, { transform: conv });
      net.probe(b.neurons, { slice: { stop: 10 }, synapse: null });
      return net;
    },
  },
  {
    id: "h",
    title: "CircularConvolution(200 neurons, 64-D)",
    make: () => {
      const net = new Network({ seed: 0 });
      const cc = net.addNetwork(CircularConvolution, { nNeurons: 200, dimensions: 64 });
      const unit = (f: (i: number) => number): number[] => {
        const v = Array.from({ length: 64 }, (_, i) => f(i));
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      };
      net.connect(net.node({ output: unit((i) => Math.sin(i + 1)) }), cc.inputA);
      net.connect(net.node({ output: unit((i) => Math.cos(2 * i + 1)) }), cc.inputB);
      net.probe(cc.output, { synapse: null });
      return net;
    },
  },
];
