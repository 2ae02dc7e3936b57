import { BuildError } from "@plexus/core";
import type { Emitter, Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/**
 * What every learning rule's kernel writes and is named by: the change it computes each step (an
 * update: the readers this step, the kernel adding it to the weights or encoders, see last
 * step's).
 */
export interface RuleKernelSpec {
  /** The change, the shape of what it is added to (weights `rows × n` or encoders `n × d`, row-major). */
  readonly delta: Signal;
  readonly owner: string;
}

/** A rule kernel scaled by the rule's rate (PES, BCM, Oja, Voja; RLS's rate is in its initial P). */
export interface RatedKernelSpec extends RuleKernelSpec {
  /** κ. */
  readonly learningRate: number;
}

/** What the Hebbian rules (BCM, Oja) read besides: the filtered activities on both sides. */
export interface HebbianKernelSpec extends RatedKernelSpec {
  /** The filtered pre-synaptic activities, `n` entries. */
  readonly pre: Signal;
  /** The filtered post-synaptic activities, `rows` entries. */
  readonly post: Signal;
}

/**
 * A learning rule's kernel (Nengo's `SimPES`, `SimBCM`, ...): it reads `reads` and writes the
 * delta (and `state`, such as RLS's P) after every reader this step.
 */
export function ruleKernel(spec: RuleKernelSpec, role: string, reads: readonly Signal[], emit: (e: Emitter) => string, state: readonly Signal[] = []): Kernel {
  return { owner: spec.owner, role, reads, sets: [], incs: [], updates: [spec.delta, ...state], emit };
}

/**
 * Refuses a rule kernel whose buffers do not fit (the builder's fault, named with the owner).
 * @throws BuildError when `fits` is false.
 */
export function checkRuleSizes(kernel: string, spec: RuleKernelSpec, fits: boolean, expected: string): void {
  if (!fits)
    throw new BuildError(`${kernel} of ${spec.owner}: the buffers do not fit ${expected} (delta has ${spec.delta.size} entries)`, { label: spec.owner });
}

/**
 * The code of `delta = outer(c, pre)` row by row, Nengo's `np.outer(coefficients, pre)`: `coefficient`
 * is the statements that set `const c` for row `i`; the products are in numpy's order.
 */
export function outerDelta(e: Emitter, delta: Signal, pre: Signal, rows: number, coefficient: string): string {
  const n = pre.size;
  return (
    `for (let i = 0; i < ${rows}; i++) {\n` +
    coefficient +
    `const row = ${e.offset(delta)} + i * ${n};\n` +
    `for (let j = 0; j < ${n}; j++) ${e.A}[row + j] = c * ${e.A}[${e.offset(pre)} + j];\n` +
    `}\n`
  );
}
