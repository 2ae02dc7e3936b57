import { lit } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** What {@link pesKernel} computes from. */
export interface PesKernelSpec {
  /** The filtered pre-synaptic activities a, `n` entries. */
  readonly activities: Signal;
  /** The error e, `rows` entries. */
  readonly error: Signal;
  /** The weight change, `rows × n` row-major (updated: readers this step see last step's). */
  readonly delta: Signal;
  /** κ. */
  readonly learningRate: number;
  readonly owner: string;
}

/**
 * Nengo's `SimPES`: `delta = outer(α · e, a)` with `α = −κ · dt / n` (n the number of
 * pre-synaptic neurons). It updates `delta` after every reader of it this step (the kernel
 * that adds it to the weights), so a change takes effect in the next step.
 */
export function pesKernel(spec: PesKernelSpec): Kernel {
  const n = spec.activities.size;
  const rows = spec.error.size;
  if (spec.delta.size !== rows * n) throw new Error(`pesKernel: delta has ${spec.delta.size} entries, expected ${rows}×${n}`);
  return {
    owner: spec.owner,
    role: "PES",
    reads: [spec.activities, spec.error],
    sets: [],
    incs: [],
    updates: [spec.delta],
    emit(e) {
      const A = e.A;
      const alpha = lit((-spec.learningRate * e.dt) / n);
      const eo = e.offset(spec.error);
      const ao = e.offset(spec.activities);
      const d = e.offset(spec.delta);
      return (
        `for (let i = 0; i < ${rows}; i++) {\n` +
        `const ae = ${alpha} * ${A}[${eo} + i];\n` +
        `const row = ${d} + i * ${n};\n` +
        `for (let j = 0; j < ${n}; j++) ${A}[row + j] = ae * ${A}[${ao} + j];\n` +
        `}\n`
      );
    },
  };
}

/** Nengo's `Copy(delta, weights, inc=True)`: adds the learning rule's change to the weights before they are used. */
export function applyDeltaKernel(delta: Signal, weights: Signal, owner: string, role = "weights += delta"): Kernel {
  if (delta.size !== weights.size) throw new Error(`applyDeltaKernel: delta has ${delta.size} entries, weights ${weights.size}`);
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
