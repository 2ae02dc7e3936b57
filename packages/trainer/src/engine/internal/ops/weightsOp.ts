// Weights: a connection's z = W · pre (scalar, elementwise, matrix or decoders), and its adjoint.
import type { ConnectionNode, EmitContext, Op } from "./Op.js";

function forward(node: ConnectionNode, ctx: EmitContext): string {
  const { c, ci } = node;
  const { arr: pa, off: poff } = ctx.valueAt(c.pre);
  const W = `p${c.weight}`;
  const tgt = ctx.targetOf(c);
  // Added into the target (no synapse), or stored as the synapse's input.
  const dest = (o: string, z: string): string => (c.filter === null ? `${tgt.arr}[qo + ${ctx.postIdx(node, o)}] += ${z};` : `m${ci}[mo + ${o}] = ${z};`);
  let inner: string;
  switch (c.form) {
    case "scalar":
      inner = `const w = ${W}[0]; for (let j = 0; j < ${c.cols}; j++) { ${dest("j", `w * ${pa}[po + ${ctx.preIdx(node, "j")}]`)} }`;
      break;
    case "vector":
      inner = `for (let j = 0; j < ${c.cols}; j++) { ${dest("j", `${W}[j] * ${pa}[po + ${ctx.preIdx(node, "j")}]`)} }`;
      break;
    case "matrix":
    case "decoded":
      inner = `for (let o = 0; o < ${c.rows}; o++) { const wo = o * ${c.cols}; let z = 0; for (let j = 0; j < ${c.cols}; j++) z += ${W}[wo + j] * ${pa}[po + ${c.form === "decoded" ? "j" : ctx.preIdx(node, "j")}]; ${dest("o", "z")} }`;
      break;
    case "sparse":
      inner = `for (let o = 0; o < ${c.rows}; o++) { let z = 0; for (let k = TP${ci}[o], e = TP${ci}[o + 1]; k < e; k++) z += ${W}[TW${ci}[k]] * ${pa}[po + ${ctx.preIdx(node, `TC${ci}[k]`)}]; ${dest("o", "z")} }`;
      break;
  }
  return `{ // connection ${ci}
      for (let b = 0; b < B; b++) {
        const po = ${poff};
        ${c.filter === null ? `const qo = (t * B + b) * ${tgt.width};` : `const mo = (t * B + b) * ${c.rows};`}
        ${inner}
      }
}`;
}

function backward(node: ConnectionNode, ctx: EmitContext): string {
  const { c } = node;
  const wT = ctx.trainable(c.weight);
  const preAdj = ctx.needAdjoint[c.pre] === true;
  if (!wT && !preAdj) return "";
  const { arr: pa, off: poff } = ctx.valueAt(c.pre);
  const W = `p${c.weight}`;
  const G = `g${c.weight}`;
  const tgt = ctx.targetOf(c);
  const gz = (o: string): string => (c.filter === null ? `${tgt.adj}[qo + ${ctx.postIdx(node, o)}]` : `gm${node.ci}[mo + ${o}]`);
  const pidx = (j: string): string => (c.form === "decoded" ? j : ctx.preIdx(node, j));
  const gp = (j: string): string => `gv${c.pre}[po + ${pidx(j)}]`;
  let inner: string;
  let pre = "";
  let post = "";
  switch (c.form) {
    case "scalar":
      if (wT) {
        pre = "let acc = 0;";
        post = `${G}[0] += acc;`;
      }
      inner = `const w = ${W}[0]; for (let j = 0; j < ${c.cols}; j++) { const g = ${gz("j")};${wT ? ` acc += g * ${pa}[po + ${pidx("j")}];` : ""}${preAdj ? ` ${gp("j")} += w * g;` : ""} }`;
      break;
    case "vector":
      inner = `for (let j = 0; j < ${c.cols}; j++) { const g = ${gz("j")};${wT ? ` ${G}[j] += g * ${pa}[po + ${pidx("j")}];` : ""}${preAdj ? ` ${gp("j")} += ${W}[j] * g;` : ""} }`;
      break;
    case "matrix":
    case "decoded":
      inner = `for (let o = 0; o < ${c.rows}; o++) { const g = ${gz("o")}; if (g === 0) continue; const wo = o * ${c.cols};
          for (let j = 0; j < ${c.cols}; j++) {${wT ? ` ${G}[wo + j] += g * ${pa}[po + ${pidx("j")}];` : ""}${preAdj ? ` ${gp("j")} += ${W}[wo + j] * g;` : ""} } }`;
      break;
    case "sparse": {
      const ci = node.ci;
      inner = `for (let o = 0; o < ${c.rows}; o++) { const g = ${gz("o")}; if (g === 0) continue;
          for (let k = TP${ci}[o], e = TP${ci}[o + 1]; k < e; k++) { const j = TC${ci}[k];${wT ? ` ${G}[TW${ci}[k]] += g * ${pa}[po + ${pidx("j")}];` : ""}${preAdj ? ` ${gp("j")} += ${W}[TW${ci}[k]] * g;` : ""} } }`;
      break;
    }
  }
  return `{ // connection ${node.ci} (adjoint)
      ${pre}
      for (let b = 0; b < B; b++) {
        const po = ${poff};
        ${c.filter === null ? `const qo = (t * B + b) * ${tgt.width};` : `const mo = (t * B + b) * ${c.rows};`}
        ${inner}
      }
      ${post}
    }`;
}

/**
 * A connection's weights. Forward: z = W · pre(t) (through the pre slice, except decoders, which
 * read the neurons; for a Sparse or convolution transform, over its taps: z_o = Σ W[weight_k]
 * pre[col_k]), added into the target through the post slice, or stored as the synapse's
 * input `m`. Backward: dW += dz ⊗ pre, dpre += Wᵀ dz (over the taps: each tap adds its term). It saves nothing: the pre values it reads
 * are kept for every step anyway.
 */
export const weightsOp: Op<ConnectionNode> = {
  kernelName: "Weights",
  inputsToSave: [],
  declare({ c, ci }, ctx) {
    if (c.taps !== null) {
      ctx.konst(`TP${ci}`, c.taps.ptr);
      ctx.konst(`TC${ci}`, c.taps.col);
      ctx.konst(`TW${ci}`, c.taps.weight);
    }
    if (c.preSlice !== null) ctx.konst(`PS${ci}`, c.preSlice);
    if (c.postSlice !== null) ctx.konst(`QS${ci}`, c.postSlice);
  },
  forward: (node, ctx) => forward(node, ctx),
  backward,
};
