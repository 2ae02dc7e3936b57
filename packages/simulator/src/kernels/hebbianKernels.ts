import { lit } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** What {@link bcmKernel} computes from. */
export interface BcmKernelSpec {
  /** The filtered pre-synaptic activities, `n` entries. */
  readonly pre: Signal;
  /** The filtered post-synaptic activities, `rows` entries. */
  readonly post: Signal;
  /** θ, the post activities' running average, `rows` entries. */
  readonly theta: Signal;
  /** The weight change, `rows × n` row-major (updated: readers this step see last step's). */
  readonly delta: Signal;
  /** κ. */
  readonly learningRate: number;
  readonly owner: string;
}

/** Nengo's `SimBCM`: `delta = outer(κ·dt · post · (post − θ), pre)`. */
export function bcmKernel(spec: BcmKernelSpec): Kernel {
  const n = spec.pre.size;
  const rows = spec.post.size;
  if (spec.delta.size !== rows * n || spec.theta.size !== rows)
    throw new Error(`bcmKernel: delta has ${spec.delta.size} entries and theta ${spec.theta.size}, expected ${rows}×${n} and ${rows}`);
  return {
    owner: spec.owner,
    role: "BCM",
    reads: [spec.pre, spec.post, spec.theta],
    sets: [],
    incs: [],
    updates: [spec.delta],
    emit(e) {
      const A = e.A;
      const alpha = lit(spec.learningRate * e.dt);
      const po = e.offset(spec.post);
      const to = e.offset(spec.theta);
      const ao = e.offset(spec.pre);
      const d = e.offset(spec.delta);
      return (
        `for (let i = 0; i < ${rows}; i++) {\n` +
        `const p = ${A}[${po} + i];\n` +
        `const c = ${alpha} * p * (p - ${A}[${to} + i]);\n` +
        `const row = ${d} + i * ${n};\n` +
        `for (let j = 0; j < ${n}; j++) ${A}[row + j] = c * ${A}[${ao} + j];\n` +
        `}\n`
      );
    },
  };
}

/** What {@link ojaKernel} computes from. */
export interface OjaKernelSpec {
  readonly pre: Signal;
  readonly post: Signal;
  /** The connection's weights this step, `rows × n` row-major. */
  readonly weights: Signal;
  readonly delta: Signal;
  readonly learningRate: number;
  /** β, the forgetting term's weight. */
  readonly beta: number;
  readonly owner: string;
}

/** Nengo's `SimOja`: `delta = −β · weights · (κ·dt · post²)[:, None] + outer(κ·dt · post, pre)`. */
export function ojaKernel(spec: OjaKernelSpec): Kernel {
  const n = spec.pre.size;
  const rows = spec.post.size;
  if (spec.delta.size !== rows * n || spec.weights.size !== rows * n)
    throw new Error(`ojaKernel: delta has ${spec.delta.size} entries and weights ${spec.weights.size}, expected ${rows}×${n}`);
  return {
    owner: spec.owner,
    role: "Oja",
    reads: [spec.pre, spec.post, spec.weights],
    sets: [],
    incs: [],
    updates: [spec.delta],
    emit(e) {
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
    },
  };
}
