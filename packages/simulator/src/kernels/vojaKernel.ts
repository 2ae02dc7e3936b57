import { lit } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { checkRuleSizes, type RatedKernelSpec, ruleKernel } from "./ruleKernelSpec.js";

/** What {@link vojaKernel} computes from (`delta`: the encoder change, `n × d`). */
export interface VojaKernelSpec extends RatedKernelSpec {
  /** x, the post ensemble's decoded input (every connection into it, after their synapses: Nengo's `model.sig[conn]["out"]`), `d` entries. */
  readonly decoded: Signal;
  /** The filtered post neuron activities, `n` entries. */
  readonly post: Signal;
  /** The post ensemble's scaled encoders this step, `n × d` row-major. */
  readonly scaledEncoders: Signal;
  /** The rule's input (connections into the rule): the learning signal is 1 plus it (Nengo's Reset(1) then incs). */
  readonly learning: Signal;
  /** gain / radius per post neuron (Nengo's `scale`). */
  readonly scale: Signal;
}

/**
 * Nengo's `SimVoja`: `delta = κ·dt · L · (scale[:, None] · outer(post, x) − post[:, None] · scaledEncoders)`,
 * with the products in Nengo's order.
 */
export function vojaKernel(spec: VojaKernelSpec): Kernel {
  const d = spec.decoded.size;
  const n = spec.post.size;
  const fits = spec.delta.size === n * d && spec.scaledEncoders.size === n * d && spec.scale.size === n && spec.learning.size === 1;
  checkRuleSizes("vojaKernel", spec, fits, `${n} neurons × ${d} dimensions`);
  return ruleKernel(spec, "Voja", [spec.decoded, spec.post, spec.scaledEncoders, spec.learning, spec.scale], (e) => {
    const A = e.A;
    const alpha = lit(spec.learningRate * e.dt);
    const xo = e.offset(spec.decoded);
    const po = e.offset(spec.post);
    const eo = e.offset(spec.scaledEncoders);
    const so = e.offset(spec.scale);
    const dOff = e.offset(spec.delta);
    return (
      `const al = ${alpha} * (1 + ${A}[${e.offset(spec.learning)}]);\n` +
      `for (let i = 0; i < ${n}; i++) {\n` +
      `const p = ${A}[${po} + i];\n` +
      `const s = ${A}[${so} + i];\n` +
      `for (let j = 0; j < ${d}; j++) ${A}[${dOff} + i * ${d} + j] = al * (s * (p * ${A}[${xo} + j]) - p * ${A}[${eo} + i * ${d} + j]);\n` +
      `}\n`
    );
  });
}
