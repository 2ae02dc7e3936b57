// The script the browser test runs twice, in Node and in headless Chromium (bundled by
// scripts/browserBundle.ts): a seeded LIF communication channel with Lowpass synapses, run for a
// fixed number of steps, returning every probe's data; and two subnetworks coupled port to port.
// Sines by our libm (@plexus/core/runtime), as Plexus's own are: the engines' Math.sin may differ.
import { LIF, Lowpass, LstsqL2, Network } from "@plexus/core";
import { libm, numAt } from "@plexus/core/runtime";
import { couple } from "@plexus/coupler";
import { Simulator } from "@plexus/simulator";

/** One probe's recorded rows, copied out of the simulator. */
export interface ChannelProbe {
  readonly label: string;
  readonly shape: readonly [number, number];
  readonly data: Float64Array;
}

/**
 * Builds the channel (stimulus → A → B through Lowpass(0.01), a squaring decoder solved with
 * LstsqL2), runs it `steps` steps at dt = 1 ms and returns the probes of B's decoded value, A's
 * spikes and the filtered stimulus.
 */
export function runChannel(steps: number, seed = 0): ChannelProbe[] {
  const net = new Network({ label: "channel", seed });
  const stim = net.node({ output: (t) => [libm.sin(2 * Math.PI * t)], label: "stim" });
  const a = net.ensemble({ nNeurons: 50, dimensions: 1, label: "A" });
  const b = net.ensemble({ nNeurons: 50, dimensions: 1, neuronType: new LIF({ tauRc: 0.02 }), label: "B" });
  net.connect(stim, a, { synapse: new Lowpass(0.005) });
  net.connect(a, b, { function: (x) => [numAt(x, 0) ** 2], synapse: new Lowpass(0.01), solver: new LstsqL2({ reg: 0.1 }) });
  const probes = {
    decoded: net.probe(b, { synapse: 0.01 }),
    spikes: net.probe(a.neurons, { attr: "spikes" }),
    stim: net.probe(stim, { synapse: new Lowpass(0.02) }),
  };
  const sim = new Simulator(net, { dt: 0.001, progress: false });
  sim.runSteps(steps);
  return Object.entries(probes).map(([label, probe]) => {
    const { data, shape } = sim.data(probe);
    return { label, shape, data: data.slice() };
  });
}

/** The bytes of a Float64Array as hex (what crosses from the page to the test: bit for bit). */
export function float64Hex(values: Float64Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** What the page hands back: each probe's label, shape and data as hex bytes. */
export function channelAsHex(steps: number, seed = 0): { label: string; shape: readonly [number, number]; hex: string }[] {
  return runChannel(steps, seed).map(({ label, shape, data }) => ({ label, shape, hex: float64Hex(data) }));
}

/** A subnetwork `u → LIF ensemble → y` (decoding `scale·x`), seeded. */
function portChannel(label: string, seed: number, scale: number): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label, seed, inputs: { u: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({ nNeurons: 40, dimensions: 1, label: `${label}.ens` });
  net.connect(net.in.u, ens, { synapse: new Lowpass(0.005) });
  net.connect(ens, net.out.y, { function: (x) => [scale * numAt(x, 0)], synapse: new Lowpass(0.01) });
  return net;
}

/**
 * Two subnetworks coupled in one coordinator (no worker threads): a sine drives `first`, whose
 * port `y` drives `second`; returns the probe of `second.y` and of `first.y` as hex bytes.
 */
export async function coupledAsHex(steps: number, seed = 0): Promise<{ label: string; hex: string }[]> {
  const first = portChannel("first", seed, 0.5);
  const second = portChannel("second", seed + 1, 2);
  const system = couple({ first, second })
    .wire(first.out.y, second.in.u)
    .input(first.in.u, (t) => [libm.sin(2 * Math.PI * 3 * t)])
    .probe(first.out.y, { label: "first.y" })
    .probe(second.out.y, { label: "second.y" });
  const result = await system.run({ steps });
  return ["first.y", "second.y"].map((label) => ({ label, hex: float64Hex(result.data(label)) }));
}
