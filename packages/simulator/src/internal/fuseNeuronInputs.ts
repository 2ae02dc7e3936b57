import type { Emitter, Kernel } from "../Kernel.js";
import { blocksSource, blocksWork, productSpecs } from "../kernels/dotIncKernel.js";
import type { Signal } from "../Signal.js";
import { UNROLL } from "./codegen.js";

/** An input current computed inside a neuron kernel: `bias[i]`, or `bias[i] + (Σ_j enc[i][j]·x[j])`. */
export interface FusedCurrent {
  readonly bias: Signal;
  /** Row-major `nNeurons × cols` encoders and their input, or null for the bias alone. */
  readonly encoders: { readonly weights: Signal; readonly x: Signal; readonly cols: number } | null;
  /** The JS expression of the current of neuron `i` (after `prelude`). */
  readonly expr: (i: string) => string;
  /** Statements to run before the loop (loading x). */
  readonly prelude: string;
}

/**
 * The source of a neuron kernel that can take its input current from the bias and encoders (and
 * then stores it in its input buffer itself): null reads the buffer, as the plain kernel does.
 */
export type CurrentTaker = (e: Emitter, current: FusedCurrent | null) => string;

/** Neuron kernels that can take their current as an expression (the inlined ones). */
export const currentTakers = new WeakMap<Kernel, CurrentTaker>();

/** What buildEnsemble made for the input current J of an ensemble's neurons. */
export interface NeuronInput {
  /** J. */
  readonly input: Signal;
  /** `J = bias` (set). */
  readonly bias: Kernel;
  readonly biasSignal: Signal;
  /** `J += scaledEncoders · x` (inc), row-major `nNeurons × cols`. */
  readonly encoders: Kernel;
  readonly encoderWeights: Signal;
  readonly x: Signal;
  readonly cols: number;
  /** True when the encoders kernel works on row-major weights with at most UNROLL columns. */
  readonly small: boolean;
  readonly neurons: Kernel;
}

/**
 * On kernels in step order: where nothing but the bias and the encoders writes an ensemble's
 * input current, nothing else reads it before the neurons, and the neuron kernel can take the
 * current as an expression, the three kernels become one at the neurons' place: small encoders
 * (row-major, few columns) one loop, `J = bias[i] + (Σ_j enc[i][j]·x[j])` stored and stepped at
 * once; large ones (blocks) the product started from the bias (`J = bias + Σ` in one pass), then
 * the neurons. That is what the separate kernels evaluate (`J = bias`, then `J += Σ`), so the
 * same bits; every other kernel keeps its place.
 */
export function fuseNeuronInputs(kernels: readonly Kernel[], inputs: readonly NeuronInput[]): Kernel[] {
  const present = new Set(kernels);
  const position = new Map(kernels.map((k, i) => [k, i]));
  const writers = new Map<Signal, Kernel[]>();
  for (const k of kernels) {
    for (const s of [...k.sets, ...k.incs, ...k.updates]) {
      const list = writers.get(s.root);
      if (list === undefined) writers.set(s.root, [k]);
      else if (!list.includes(k)) list.push(k);
    }
  }
  const replaced = new Map<Kernel, Kernel | null>();
  for (const r of inputs) {
    const take = currentTakers.get(r.neurons);
    if (take === undefined || !present.has(r.neurons) || !present.has(r.bias)) continue;
    const enc = present.has(r.encoders) ? r.encoders : null;
    // small encoders go into the neurons' loop; large ones (blocks) start from the bias
    const blocks = enc === null || (r.small && r.cols <= UNROLL) ? null : (productSpecs.get(enc) ?? null);
    if (enc !== null && !(r.small && r.cols <= UNROLL) && (blocks === null || blocks.layout !== "blocks")) continue;
    const w = writers.get(r.input.root) ?? [];
    if (w.length !== (enc === null ? 1 : 2) || !w.includes(r.bias) || (enc !== null && !w.includes(enc))) continue;
    if (r.input.isView) continue;
    // every other reader of J runs after the neurons (J is now written there)
    const at = position.get(r.neurons);
    if (at === undefined) continue;
    const early = kernels.some(
      (k, i) => i < at && k !== enc && k !== r.bias && [...k.reads, ...k.sets, ...k.incs, ...k.updates].some((s) => s.root === r.input),
    );
    if (early) continue;
    // and x stays as the encoders read it until then
    if (enc !== null) {
      const from = position.get(enc);
      if (from === undefined) continue;
      const touched = kernels.some((k, i) => i > from && i < at && [...k.sets, ...k.incs, ...k.updates].some((s) => s.root === r.x.root));
      if (touched) continue;
    }
    const n = r.neurons;
    const fused: Kernel = {
      owner: n.owner,
      role: `${n.role}, bias${enc === null ? "" : " + encoders"}`,
      reads: [r.biasSignal, ...(enc === null ? [] : [r.encoderWeights, r.x]), ...n.reads.filter((s) => s.root !== r.input)],
      sets: [...n.sets, r.input],
      incs: n.incs,
      updates: n.updates,
      emit(e) {
        const A = e.A;
        const bo = e.offset(r.biasSignal);
        if (enc === null) return take(e, { bias: r.biasSignal, encoders: null, expr: (i) => `${A}[${bo} + ${i}]`, prelude: "" });
        if (blocks !== null) return blocksSource(e, blocks, r.biasSignal) + take(e, null);
        const wo = e.offset(r.encoderWeights);
        const xo = e.offset(r.x);
        const C = r.cols;
        let prelude = "";
        for (let j = 0; j < C; j++) prelude += `const xe${j} = ${A}[${xo + j}];\n`;
        const dot = (i: string): string => Array.from({ length: C }, (_, j) => `${A}[${wo + j} + ${i} * ${C}] * xe${j}`).join(" + ");
        return take(e, {
          bias: r.biasSignal,
          encoders: { weights: r.encoderWeights, x: r.x, cols: C },
          expr: (i) => `${A}[${bo} + ${i}] + (${dot(i)})`,
          prelude,
        });
      },
    };
    if (blocks !== null) blocksWork.set(fused, blocks.rows * blocks.cols);
    replaced.set(n, fused);
    replaced.set(r.bias, null);
    if (enc !== null) replaced.set(enc, null);
  }
  const out: Kernel[] = [];
  for (const k of kernels) {
    const r = replaced.get(k);
    if (r === undefined) out.push(k);
    else if (r !== null) out.push(r);
  }
  return out;
}
