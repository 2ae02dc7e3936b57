// One network that reaches every WebAssembly path of the simulator: large encoders (blocks),
// spiking neuron-to-neuron products (LIF lists its spikes; other spiking types are scanned), odd
// row counts, a product straight into neurons (gains: JS). Shared by the SIMD and snapshot tests.
import { Network, type Probe, type Process, Rng, SpikingRectifiedLinear } from "@plexus/core";
import { build, type Plan } from "@plexus/simulator";

/** The network, its probes (a decoded, b filtered, a's spikes, b's input) and its plan; `noise` goes into ensemble a. */
export function wasmPathsNetwork(noise?: Process): { net: Network; probes: Probe[]; plan: Plan } {
  const net = new Network({ seed: 4 });
  const stim = net.node({ output: (t: number) => Array.from({ length: 12 }, (_, i) => Math.sin(2 * Math.PI * (i + 1) * t)) });
  const a = net.ensemble({ nNeurons: 301, dimensions: 12, ...(noise === undefined ? {} : { noise }) });
  const b = net.ensemble({ nNeurons: 87, dimensions: 3, neuronType: new SpikingRectifiedLinear() });
  net.connect(stim, a);
  net.connect(a, b, { transform: Array.from({ length: 3 }, (_, i) => Array.from({ length: 12 }, (_, j) => Math.cos(i + 3 * j))) });
  const rng = new Rng(5);
  const w = (rows: number, cols: number, scale: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * rng.normal()));
  net.connect(a.neurons, a.neurons, { transform: w(301, 301, 0.002) });
  net.connect(b.neurons, a.neurons, { transform: w(301, 87, 0.002), synapse: null });
  net.connect(b.neurons, b.neurons, { transform: w(87, 87, 0.001) });
  net.connect(a, a, { synapse: 0.05, transform: 0.5 });
  const probes = [net.probe(a, { synapse: null }), net.probe(b, { synapse: 0.01 }), net.probe(a.neurons), net.probe(b.neurons, { attr: "input" })];
  return { net, probes, plan: build(net) };
}
