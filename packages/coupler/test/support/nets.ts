// Small subnetworks for the coupler's tests.
import { Network, PES, Process, type ProcessStep, type Rng, type SynapseLike } from "@plexus/core";
import { defined } from "../../../../test/support/defined.js";

/** `in.u -> f -> out.y` with no synapse: latency 0 (direct feedthrough). */
export function feedthrough(
  label: string,
  dims = 1,
  f: (x: Float64Array) => number[] = (x) => Array.from(x, (v) => 0.5 * v + 0.25),
): Network<{ u: number }, { y: number }> {
  const net = new Network<{ u: number }, { y: number }>({ label, inputs: { u: dims }, outputs: { y: dims } });
  const node = net.node({ output: (_t: number, x: Float64Array) => f(x), sizeIn: dims, sizeOut: dims, label: "f" });
  net.connect(net.in.u, node, { synapse: null });
  net.connect(node, net.out.y, { synapse: null });
  return net;
}

/** `in.u -> ensemble -> out.y` through one synapse (latency 1); `synapse: null` on both gives latency 0. */
export function neural(
  label: string,
  options: { dims?: number; nNeurons?: number; inSynapse?: SynapseLike; outSynapse?: SynapseLike; seed?: number } = {},
): Network<{ u: number }, { y: number }> {
  const d = options.dims ?? 1;
  const net = new Network<{ u: number }, { y: number }>({
    label,
    inputs: { u: d },
    outputs: { y: d },
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const e = net.ensemble({ nNeurons: options.nNeurons ?? 40, dimensions: d, label: "ens" });
  net.connect(net.in.u, e, { synapse: options.inSynapse === undefined ? 0.005 : options.inSynapse });
  net.connect(e, net.out.y, { synapse: options.outSynapse === undefined ? null : options.outSynapse });
  return net;
}

/** Two inputs (`ref`, `fb`) into one ensemble through synapses, decoded to `y`: latency 1 from each. */
export function twoInputs(label: string, options: { nNeurons?: number; fbTransform?: number } = {}): Network<{ ref: 1; fb: 1 }, { y: 1 }> {
  const net = new Network({ label, inputs: { ref: 1, fb: 1 }, outputs: { y: 1 } });
  const e = net.ensemble({ nNeurons: options.nNeurons ?? 40, dimensions: 1, label: "ens" });
  net.connect(net.in.ref, e, { synapse: 0.005 });
  net.connect(net.in.fb, e, { synapse: 0.005, transform: options.fbTransform ?? -0.5 });
  net.connect(e, net.out.y, { synapse: null });
  return net;
}

/**
 * A PES learner: `in.u -> pre -> (PES) -> post -> out.y`, the error `post - in.target` (an
 * ensemble) driving the rule, so the weights change while it runs (latency 1 from `u`).
 */
export function learner(label: string): Network<{ u: 1; target: 1 }, { y: 1 }> {
  const net = new Network({ label, inputs: { u: 1, target: 1 }, outputs: { y: 1 } });
  const pre = net.ensemble({ nNeurons: 40, dimensions: 1, label: "pre" });
  const post = net.ensemble({ nNeurons: 40, dimensions: 1, label: "post" });
  const error = net.ensemble({ nNeurons: 40, dimensions: 1, label: "error" });
  net.connect(net.in.u, pre, { synapse: 0.005 });
  const learned = net.connect(pre, post, { transform: 0, learningRule: new PES({ learningRate: 1e-3 }) });
  net.connect(post, error);
  net.connect(net.in.target, error, { synapse: null, transform: -1 });
  net.connect(error, defined(learned.learningRule));
  net.connect(post, net.out.y, { synapse: null });
  return net;
}

/** The float64 bits of an array, for exact comparisons (-0 and NaN included). */
export function bits(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

/** The first index where two arrays differ in any bit, or -1. */
export function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** A process adding seeded noise to its input: `out = x + 0.1·normal()` (randomness from the simulator's generator). */
export class Jitter extends Process {
  readonly kind = "Jitter";
  readonly defaultSizeOut = 1;
  override readonly defaultSizeIn = 1;
  makeStep(_sizeIn: number, _sizeOut: number, _dt: number, rng: Rng): ProcessStep {
    return (_t, x, out) => {
      out[0] = defined(x[0]) + 0.1 * rng.normal();
    };
  }
}

/** `in.u -> Jitter -> out.y`: direct feedthrough with run-time randomness. */
export function noisy(label: string): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label, inputs: { u: 1 }, outputs: { y: 1 } });
  const n = net.node({ output: new Jitter(), sizeIn: 1, sizeOut: 1, label: "jitter" });
  net.connect(net.in.u, n, { synapse: null });
  net.connect(n, net.out.y, { synapse: null });
  return net;
}
