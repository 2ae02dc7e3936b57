// The two reference training tasks of ../shared/reference/training, built as Plexus networks with
// ports, and the helpers to train them in the reference's minibatch order.
import { Lowpass, Network, parameterName, Sigmoid, SoftLIFRate } from "@plexus/core";
import { defined } from "../../../../test/support/defined.js";
import { flat, loadReference } from "../../../../test/support/reference.js";
import type { BatchData, CompiledModel } from "../../src/engine/CompiledModel.js";

export interface SeedReference {
  readonly gain: number[];
  readonly bias: number[];
  readonly tau_ref: number;
  readonly initial: { readonly enc: number[]; readonly dec: number[]; readonly w_in: number; readonly mse: number };
  readonly optimizer: { readonly lr: number; readonly beta1: number; readonly beta2: number; readonly eps: number };
  readonly minibatch: number;
  readonly epochs: number;
  readonly perms: number[][];
  readonly first_minibatch: {
    readonly minibatch_indices: number[];
    readonly loss: number;
    readonly grad_enc: number[];
    readonly grad_dec: number[];
    readonly grad_w_in: number;
  };
  readonly mse_after_epoch: number[];
  readonly final: { readonly enc: number[]; readonly dec: number[]; readonly w_in: number; readonly mse: number };
}

/** The seed task: 1 → learned scalar transform → 100 Sigmoid → decoders → 1, one-step examples. */
export function seedTask() {
  const ref = loadReference<SeedReference>("training/seed_task.json");
  const n = ref.gain.length;
  const net = new Network({ label: "seed", inputs: { u: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({
    nNeurons: n,
    dimensions: 1,
    neuronType: new Sigmoid({ tauRef: ref.tau_ref }),
    gain: ref.gain,
    bias: ref.bias,
    encoders: ref.initial.enc,
    normalizeEncoders: false,
  });
  const input = net.connect(net.in.u, ens, { synapse: null, transform: ref.initial.w_in });
  const output = net.connect(ens, net.out.y, { synapse: null });
  net.config.setTrainable(ens.neurons, false); // gain and bias fixed
  const names = {
    enc: parameterName(ens, "encoders", net),
    bias: parameterName(ens, "bias", net),
    w_in: parameterName(input, "weights", net),
    dec: parameterName(output, "weights", net),
  };
  // x = y = sin(2π·5t), t = k·0.001, k = 0..999: one example of one step each.
  const total = defined(ref.perms[0]).length;
  const x = new Float64Array(total);
  for (let k = 0; k < total; k++) x[k] = Math.sin(2 * Math.PI * 5 * (k * 0.001));
  const full: BatchData = { inputs: { u: x }, targets: { y: x }, batchSize: total, steps: 1 };
  const mb = ref.minibatch;
  const u = new Float64Array(mb);
  const y = new Float64Array(mb);
  const batch: BatchData = { inputs: { u }, targets: { y }, batchSize: mb, steps: 1 };
  /** Fills the shared minibatch buffers with examples `indices`. */
  const minibatch = (indices: ArrayLike<number>): BatchData => {
    for (let i = 0; i < mb; i++) {
      u[i] = defined(x[defined(indices[i])]);
      y[i] = defined(x[defined(indices[i])]);
    }
    return batch;
  };
  const setInitial = (model: CompiledModel): void => {
    model.setParameter(names.enc, ref.initial.enc);
    model.setParameter(names.w_in, [ref.initial.w_in]);
    model.setParameter(names.dec, ref.initial.dec);
  };
  return { ref, net, names, full, minibatch, setInitial, batchesPerEpoch: total / mb };
}

export interface BpttReference {
  readonly N: number;
  readonly D_in: number;
  readonly T: number;
  readonly pool: number;
  readonly batch: number;
  readonly epochs: number;
  readonly dt: number;
  readonly tau_rc: number;
  readonly tau_ref: number;
  readonly sigma: number;
  readonly tau_in: number;
  readonly tau_out: number;
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly gain: number[];
  readonly bias: number[];
  readonly E: number[];
  readonly D: number[];
  readonly X: number[];
  readonly Yf: number[];
  readonly initial_mse: number;
  readonly first_minibatch: { readonly loss: number; readonly grad_E: number[][]; readonly grad_bias: number[]; readonly grad_D: number[] };
  readonly mse_after_epoch: number[];
  readonly final: { readonly E: number[]; readonly bias: number[]; readonly D: number[]; readonly mse: number };
}

/** The BPTT task: 2-D input → Lowpass → 200 SoftLIFRate → decoders → Lowpass → 1, 100 unrolled steps. */
export function bpttTask() {
  const ref = loadReference<BpttReference>("training/bptt_task.json");
  const { N, D_in: d, T, pool, batch: mb } = ref;
  const net = new Network({ label: "bptt", inputs: { x: d }, outputs: { y: 1 } });
  const ens = net.ensemble({
    nNeurons: N,
    dimensions: d,
    neuronType: new SoftLIFRate({ sigma: ref.sigma, tauRc: ref.tau_rc, tauRef: ref.tau_ref }),
    gain: ref.gain,
    bias: ref.bias,
    encoders: Array.from({ length: N }, (_, i) => ref.E.slice(i * d, (i + 1) * d)),
    normalizeEncoders: false,
  });
  const input = net.connect(net.in.x, ens, { synapse: new Lowpass(ref.tau_in) });
  // The decoders were solved for the product x0·x1.
  const output = net.connect(ens, net.out.y, { synapse: new Lowpass(ref.tau_out), function: (v) => defined(v[0]) * defined(v[1]) });
  net.config.setTrainable(input, false); // the input connection is a fixed identity
  const names = {
    E: parameterName(ens, "encoders", net),
    bias: parameterName(ens, "bias", net),
    D: parameterName(output, "weights", net),
  };
  const X = flat(ref.X);
  const Y = flat(ref.Yf);
  const full: BatchData = { inputs: { x: X }, targets: { y: Y }, batchSize: pool, steps: T };
  const minibatch = (k: number): BatchData => ({
    inputs: { x: X.subarray(k * mb * T * d, (k + 1) * mb * T * d) },
    targets: { y: Y.subarray(k * mb * T, (k + 1) * mb * T) },
    batchSize: mb,
    steps: T,
  });
  const setInitial = (model: CompiledModel): void => {
    model.setParameter(names.E, flat(ref.E));
    model.setParameter(names.bias, ref.bias);
    model.setParameter(names.D, ref.D);
  };
  return { ref, net, names, full, minibatch, setInitial, batchesPerEpoch: pool / mb };
}

/** The largest |a - e| / |e| over the entries (0 for an exact match). */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = defined(expected[i]);
    const err = Math.abs(defined(actual[i]) - e) / Math.max(Math.abs(e), 1e-300);
    if (err > worst) worst = err;
  }
  return worst;
}

/** max |a - e| / max |e|: the error relative to the largest entry (the ∞-norm relative error). */
export function normRelError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    err = Math.max(err, Math.abs(defined(actual[i]) - defined(expected[i])));
    scale = Math.max(scale, Math.abs(defined(expected[i])));
  }
  return scale === 0 ? err : err / scale;
}
