import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** What {@link rlsKernel} computes from. */
export interface RlsKernelSpec {
  /** r, the filtered pre activities, `n` entries. */
  readonly pre: Signal;
  /** e, `rows` entries. */
  readonly error: Signal;
  /** P, the inverse correlation estimate, `n × n` (state: updated in place). */
  readonly invGamma: Signal;
  /** Scratch for P r, `n` entries. */
  readonly pr: Signal;
  /** The decoder change, `rows × n` row-major (updated). */
  readonly delta: Signal;
  readonly owner: string;
}

/**
 * Nengo's `SimRLS`: `Pr = P r; c = 1 / (1 + r·Pr); P −= Pr Prᵀ c; delta = e (−c Pr)ᵀ`, in
 * Nengo's order of products (P is symmetric, so P r = (rᵀ P)ᵀ).
 */
export function rlsKernel(spec: RlsKernelSpec): Kernel {
  const n = spec.pre.size;
  const rows = spec.error.size;
  if (spec.invGamma.size !== n * n || spec.pr.size !== n || spec.delta.size !== rows * n)
    throw new Error(`rlsKernel: sizes do not fit ${rows} rows × ${n} neurons`);
  return {
    owner: spec.owner,
    role: "RLS",
    reads: [spec.pre, spec.error],
    sets: [],
    incs: [],
    updates: [spec.delta, spec.invGamma, spec.pr],
    emit(e) {
      const A = e.A;
      const r = e.offset(spec.pre);
      const P = e.offset(spec.invGamma);
      const pr = e.offset(spec.pr);
      const d = e.offset(spec.delta);
      const err = e.offset(spec.error);
      return (
        `let rPr = 0;\n` +
        `for (let i = 0; i < ${n}; i++) {\n` +
        `let s = 0;\n` +
        `for (let j = 0; j < ${n}; j++) s += ${A}[${P} + i * ${n} + j] * ${A}[${r} + j];\n` +
        `${A}[${pr} + i] = s;\n` +
        `rPr += ${A}[${r} + i] * s;\n` +
        `}\n` +
        `const c = 1 / (1 + rPr);\n` +
        `for (let i = 0; i < ${n}; i++) {\n` +
        `const pi = ${A}[${pr} + i];\n` +
        `for (let j = 0; j < ${n}; j++) ${A}[${P} + i * ${n} + j] -= pi * (${A}[${pr} + j] * c);\n` +
        `}\n` +
        `for (let i = 0; i < ${rows}; i++) {\n` +
        `const ei = ${A}[${err} + i];\n` +
        `for (let j = 0; j < ${n}; j++) ${A}[${d} + i * ${n} + j] = ei * (-c * ${A}[${pr} + j]);\n` +
        `}\n`
      );
    },
  };
}
