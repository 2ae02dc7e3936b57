import { BuildError } from "@plexus/core";
import { lit } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { checkRuleSizes, outerDelta, type RatedKernelSpec, ruleKernel } from "./ruleKernelSpec.js";

/** What {@link pesKernel} computes from (`delta`: the weight change, `rows × n`). */
export interface PesKernelSpec extends RatedKernelSpec {
  /** The filtered pre-synaptic activities a, `n` entries. */
  readonly activities: Signal;
  /** The error e (per post neuron for a connection into neurons), `rows` entries. */
  readonly error: Signal;
}

/**
 * Nengo's `SimPES`: `delta = outer(α · e, a)` with `α = −κ · dt / n` (n the number of
 * pre-synaptic neurons). It updates `delta` after every reader of it this step (the kernel
 * that adds it to the weights), so a change takes effect in the next step.
 */
export function pesKernel(spec: PesKernelSpec): Kernel {
  const n = spec.activities.size;
  const rows = spec.error.size;
  checkRuleSizes("pesKernel", spec, spec.delta.size === rows * n, `${rows}×${n} weights`);
  return ruleKernel(spec, "PES", [spec.activities, spec.error], (e) => {
    const coefficient = `const c = ${lit((-spec.learningRate * e.dt) / n)} * ${e.A}[${e.offset(spec.error)} + i];\n`;
    return outerDelta(e, spec.delta, spec.activities, rows, coefficient);
  });
}

/** Nengo's `Copy(delta, weights, inc=True)`: adds the learning rule's change to the weights before they are used. */
export function applyDeltaKernel(delta: Signal, weights: Signal, owner: string, role = "weights += delta"): Kernel {
  if (delta.size !== weights.size)
    throw new BuildError(`applyDeltaKernel of ${owner}: delta has ${delta.size} entries, weights ${weights.size}`, { label: owner });
  return {
    owner,
    role,
    reads: [delta],
    sets: [],
    incs: [weights],
    updates: [],
    emit(e) {
      const w = e.offset(weights);
      const d = e.offset(delta);
      return `for (let k = 0; k < ${weights.size}; k++) ${e.A}[${w} + k] += ${e.A}[${d} + k];\n`;
    },
  };
}

/** What {@link encodeErrorKernel} computes from. */
export interface EncodeErrorSpec {
  /** The post ensemble's scaled encoders, `nNeurons × dimensions` row-major (read each step: Voja may move them). */
  readonly encoders: Signal;
  /** The post ensemble's dimensions (the encoders' row length). */
  readonly dimensions: number;
  /** The encoder rows used, as `start + i·step` for i < out.size (the post neurons' slice). */
  readonly rows: { readonly start: number; readonly step: number };
  /** The encoder columns used, as `start + k·step` for k < error.size (the post dimensions' slice). */
  readonly cols: { readonly start: number; readonly step: number };
  /** The rule's error, `error.size` entries. */
  readonly error: Signal;
  /** The per-neuron error (set each step). */
  readonly out: Signal;
  readonly owner: string;
}

/**
 * Nengo's `Reset(local_error)` + `DotInc(encoders, error, local_error, tag="PES:encode")` for PES on
 * a connection into neurons: the error in the post ensemble's space projected through its scaled
 * encoders (`encoders[rows][:, cols] · error`), one value per post neuron the connection feeds.
 */
export function encodeErrorKernel(spec: EncodeErrorSpec): Kernel {
  const { rows, cols, dimensions: d } = spec;
  const m = spec.out.size;
  const k = spec.error.size;
  const inside = (s: { start: number; step: number }, count: number, bound: number): boolean => {
    const end = s.start + (count - 1) * s.step;
    return Math.min(s.start, end) >= 0 && Math.max(s.start, end) < bound;
  };
  if (spec.encoders.size % d !== 0 || !inside(rows, m, spec.encoders.size / d) || !inside(cols, k, d))
    throw new BuildError(
      `encodeErrorKernel of ${spec.owner}: rows ${rows.start}+i·${rows.step} (${m}) or columns ${cols.start}+k·${cols.step} (${k}) fall outside the encoders`,
      { label: spec.owner },
    );
  return {
    owner: spec.owner,
    role: "PES:encode",
    reads: [spec.encoders, spec.error],
    sets: [spec.out],
    incs: [],
    updates: [],
    emit(e) {
      const A = e.A;
      const en = e.offset(spec.encoders);
      const er = e.offset(spec.error);
      const o = e.offset(spec.out);
      return (
        `for (let i = 0; i < ${m}; i++) {\n` +
        `const row = ${en} + (${rows.start} + i * ${rows.step}) * ${d} + ${cols.start};\n` +
        `let s = 0;\n` +
        `for (let k = 0; k < ${k}; k++) s += ${A}[row + k * ${cols.step}] * ${A}[${er} + k];\n` +
        `${A}[${o} + i] = s;\n` +
        `}\n`
      );
    },
  };
}
