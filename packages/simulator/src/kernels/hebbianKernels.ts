import { lit } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { checkRuleSizes, type HebbianKernelSpec, outerDelta, ruleKernel } from "./ruleKernelSpec.js";

/** What {@link bcmKernel} computes from. */
export interface BcmKernelSpec extends HebbianKernelSpec {
  /** θ, the post activities' running average, `rows` entries. */
  readonly theta: Signal;
}

/** Nengo's `SimBCM`: `delta = outer(κ·dt · post · (post − θ), pre)`. */
export function bcmKernel(spec: BcmKernelSpec): Kernel {
  const n = spec.pre.size;
  const rows = spec.post.size;
  checkRuleSizes("bcmKernel", spec, spec.delta.size === rows * n && spec.theta.size === rows, `${rows}×${n} weights and ${rows} thetas`);
  return ruleKernel(spec, "BCM", [spec.pre, spec.post, spec.theta], (e) => {
    const coefficient = `const p = ${e.A}[${e.offset(spec.post)} + i];\nconst c = ${lit(spec.learningRate * e.dt)} * p * (p - ${e.A}[${e.offset(spec.theta)} + i]);\n`;
    return outerDelta(e, spec.delta, spec.pre, rows, coefficient);
  });
}

/** What {@link ojaKernel} computes from. */
export interface OjaKernelSpec extends HebbianKernelSpec {
  /** The connection's weights this step, `rows × n` row-major. */
  readonly weights: Signal;
  /** β, the forgetting term's weight. */
  readonly beta: number;
}

/** Nengo's `SimOja`: `delta = −β · weights · (κ·dt · post²)[:, None] + outer(κ·dt · post, pre)`. */
export function ojaKernel(spec: OjaKernelSpec): Kernel {
  const n = spec.pre.size;
  const rows = spec.post.size;
  checkRuleSizes("ojaKernel", spec, spec.delta.size === rows * n && spec.weights.size === rows * n, `${rows}×${n} weights`);
  return ruleKernel(spec, "Oja", [spec.pre, spec.post, spec.weights], (e) => {
    const A = e.A;
    const alpha = lit(spec.learningRate * e.dt);
    const beta = lit(spec.beta);
    const po = e.offset(spec.post);
    const ao = e.offset(spec.pre);
    const w = e.offset(spec.weights);
    const d = e.offset(spec.delta);
    // the same operations in the same order as Nengo's two numpy statements
    return (
      `for (let i = 0; i < ${rows}; i++) {\n` +
      `const p = ${A}[${po} + i];\n` +
      `const sq = ${alpha} * p * p;\n` +
      `const ap = ${alpha} * p;\n` +
      `const row = ${d} + i * ${n};\n` +
      `const wrow = ${w} + i * ${n};\n` +
      `for (let j = 0; j < ${n}; j++) ${A}[row + j] = -${beta} * ${A}[wrow + j] * sq + ap * ${A}[${ao} + j];\n` +
      `}\n`
    );
  });
}
