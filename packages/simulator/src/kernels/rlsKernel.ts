import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { checkRuleSizes, type RuleKernelSpec, ruleKernel } from "./ruleKernelSpec.js";

/** What {@link rlsKernel} computes from (`delta`: the decoder change, `rows × n`). */
export interface RlsKernelSpec extends RuleKernelSpec {
  /** r, the filtered pre activities, `n` entries. */
  readonly pre: Signal;
  /** e, `rows` entries. */
  readonly error: Signal;
  /** P, the inverse correlation estimate, `n × n` (state: updated in place). */
  readonly invGamma: Signal;
  /** Scratch for P r, `n` entries. */
  readonly pr: Signal;
}

/**
 * Nengo's `SimRLS`: `Pr = P r; c = 1 / (1 + r·Pr); P −= Pr Prᵀ c; delta = e (−c Pr)ᵀ`, in
 * Nengo's order of products (P is symmetric, so P r = (rᵀ P)ᵀ).
 */
export function rlsKernel(spec: RlsKernelSpec): Kernel {
  const n = spec.pre.size;
  const rows = spec.error.size;
  checkRuleSizes("rlsKernel", spec, spec.invGamma.size === n * n && spec.pr.size === n && spec.delta.size === rows * n, `${rows} rows × ${n} neurons`);
  return ruleKernel(
    spec,
    "RLS",
    [spec.pre, spec.error],
    (e) => {
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
    [spec.invGamma, spec.pr],
  );
}
