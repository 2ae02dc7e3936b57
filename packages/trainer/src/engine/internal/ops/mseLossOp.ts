// MseLoss: the mean squared error of one output port over a minibatch, and the adjoint it seeds.
import type { EmitContext } from "./Op.js";

/** An output port of the graph, by its index in `graph.outputs`. */
export interface OutputNode {
  readonly k: number;
  readonly size: number;
  readonly signal: number;
}

/**
 * A loss op: unlike the per-step ops it runs once over all steps, after the forward pass.
 * `forward` adds the port's loss to `total`, and where `grad` is set runs `backward`'s statement
 * for each element, which seeds the port's adjoint from the error `e` (and `scale`).
 */
export interface LossOp {
  readonly kernelName: string;
  forward(node: OutputNode, ctx: EmitContext): string;
  /** The statement seeding the adjoint of element `o + i` from `e`, or "" when the port needs none. */
  backward(node: OutputNode, ctx: EmitContext): string;
}

/** mean over examples, steps and dimensions of (prediction − target)², summed over the ports with a target; d/dy = 2e / count. */
export const mseLossOp: LossOp = {
  kernelName: "MseLoss",
  forward(p, ctx) {
    const seed = mseLossOp.backward(p, ctx);
    return `{ const y = io.targets[${p.k}]; if (y !== null) { const S = ${p.size}; let s = 0; const scale = 2 / io.counts[${p.k}];
        for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) { const o = (t * B + b) * S, q = ((b0 + b) * T + t) * S;
          for (let i = 0; i < S; i++) { const e = v${p.signal}[o + i] - y[q + i]; s += e * e;${seed !== "" ? ` if (grad) ${seed}` : ""} } }
        total += s / io.counts[${p.k}]; } }`;
  },
  backward(p, ctx) {
    return ctx.needAdjoint[p.signal] ? `gv${p.signal}[o + i] = scale * e;` : "";
  },
};
