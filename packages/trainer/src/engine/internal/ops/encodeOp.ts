// Encode: an ensemble's neurons, J = gainR·(E·x) + bias + gain·nIn and r = f(J), and its adjoint.
import type { EmitContext, EnsembleSignal, Op } from "./Op.js";
import { rateCode } from "./rateKernels.js";

/** Statements computing `dot = E[n]·x` for neuron `n` (reading `x_k` hoisted per example when D <= 8). */
function dotCode(s: EnsembleSignal): { readonly hoist: string; readonly dot: string } {
  const { d: D, encoders } = s.ens;
  const E = `p${encoders}`;
  // Small inputs are read once per example, outside the neuron loop: V8 cannot prove that the
  // stores to the rate buffers leave them unchanged, so it would reload them per neuron.
  if (D <= 8) {
    const terms = Array.from({ length: D }, (_, k) => `${E}[nd${k === 0 ? "" : ` + ${k}`}] * x_${k}`);
    return { hoist: Array.from({ length: D }, (_, k) => `const x_${k} = x${s.id}[xo + ${k}];`).join(" "), dot: `const dot = ${terms.join(" + ")};` };
  }
  return { hoist: "", dot: `let dot = 0; for (let k = 0; k < ${D}; k++) dot += ${E}[nd + k] * x${s.id}[xo + k];` };
}

function forward(s: EnsembleSignal, _ctx: EmitContext, train: boolean): string {
  const e = s.ens;
  const { n: N, d: D } = e;
  const id = s.id;
  const runStep = train ? e.neurons.trainStep : e.neurons.infer === null;
  const model = train ? e.neurons.train : e.neurons.infer;
  const { hoist, dot } = dotCode(s);
  const jExpr = `gR${id}[n] * dot + p${e.bias}[n]${e.hasNeuronInput ? ` + gain${id}[n] * ni${id}[no + n]` : ""}`;
  // model is null only in inference with the type's own step (runStep)
  const body =
    runStep || model === null
      ? `J${id}[no + n] = ${jExpr};`
      : `const j = ${jExpr}; let rv = 0, dv = 0; ${rateCode(model, train)} v${id}[no + n] = rv;${train ? ` dr${id}[no + n] = dv;` : ""}`;
  let code = `{ // signal ${id}
      for (let b = 0; b < B; b++) {
        const xo = (t * B + b) * ${D}, no = (t * B + b) * ${N};
        ${hoist}
        for (let n = 0; n < ${N}; n++) {
          const nd = n * ${D};
          ${dot}
          ${body}
        }
      }`;
  if (runStep) {
    // The neuron type's own step (its state) writes the rates; in training the curve's derivative is the surrogate gradient.
    code += `
      ext[${id}](t, B);`;
    if (train) {
      code += `
      for (let q = t * B * ${N}, qe = q + B * ${N}; q < qe; q++) { const j = J${id}[q]; let rv = 0, dv = 0; ${rateCode(model ?? e.neurons.train, true)} dr${id}[q] = dv; }`;
    }
  }
  return `${code}\n}`;
}

function backward(s: EnsembleSignal, ctx: EmitContext): string {
  if (!ctx.needAdjoint[s.id]) return "";
  const e = s.ens;
  const id = s.id;
  const { n: N, d: D } = e;
  const encT = ctx.trainable(e.encoders);
  const biasT = ctx.trainable(e.bias);
  const needX = ctx.incomingOf(id).some((c) => c.into === "x" && ctx.connNeeds(c));
  const needNi = ctx.incomingOf(id).some((c) => c.into === "neurons" && ctx.connNeeds(c));
  const E = `p${e.encoders}`;
  const lines: string[] = [];
  if (needX) for (let k = 0; k < D; k++) lines.push(`let gx_${k} = 0;`);
  if (encT) for (let k = 0; k < D; k++) lines.push(`const x_${k} = x${id}[xo + ${k}];`);
  const inner: string[] = [];
  inner.push(`const dj = gv${id}[no + n] * dr${id}[no + n];`);
  inner.push("if (dj === 0) continue;");
  if (biasT) inner.push(`g${e.bias}[n] += dj;`);
  if (needNi) inner.push(`gni${id}[no + n] += dj * gain${id}[n];`);
  if (encT || needX) {
    inner.push(`const gj = dj * gR${id}[n]; const nd = n * ${D};`);
    for (let k = 0; k < D; k++) {
      if (encT) inner.push(`g${e.encoders}[nd + ${k}] += gj * x_${k};`);
      if (needX) inner.push(`gx_${k} += gj * ${E}[nd + ${k}];`);
    }
  }
  const tail = needX ? Array.from({ length: D }, (_, k) => `gx${id}[xo + ${k}] += gx_${k};`).join(" ") : "";
  return `{ // signal ${id} (adjoint)
      for (let b = 0; b < B; b++) {
        const xo = (t * B + b) * ${D}, no = (t * B + b) * ${N};
        ${lines.join(" ")}
        for (let n = 0; n < ${N}; n++) { ${inner.join(" ")} }
        ${tail}
      }
    }`;
}

/**
 * The neurons of one ensemble. Forward: the encoded input and bias give the current J, and the
 * training (or inference) rate curve its rate, saving the curve's derivative `dr` for the
 * backward; a spiking type in inference (or with surrogate gradients in training) stores J and
 * runs its own step through `ext[id]`. Backward: dJ = gr · dr, into the bias, the encoders, the
 * input x and the neuron input.
 */
export const encodeOp: Op<EnsembleSignal> = {
  kernelName: "Encode",
  inputsToSave: ["x (encoded input)", "dr (rate derivative)"],
  declare(s, ctx) {
    const e = s.ens;
    const id = s.id;
    ctx.buf(`x${id}`, e.d);
    if (e.hasNeuronInput) ctx.buf(`ni${id}`, e.n, false, 0, false);
    ctx.buf(`dr${id}`, e.n, false, 0, false);
    if (e.neurons.infer === null || e.neurons.trainStep) ctx.buf(`J${id}`, e.n, false, 0, false);
    if (ctx.needAdjoint[id]) {
      ctx.buf(`gx${id}`, e.d, true);
      if (e.hasNeuronInput) ctx.buf(`gni${id}`, e.n, true, 0, false);
    }
    ctx.konst(`gR${id}`, e.gainR);
    ctx.konst(`gain${id}`, e.gain);
  },
  zero(s) {
    const out = [`x${s.id}.fill(0, 0, T * B * ${s.ens.d});`];
    if (s.ens.hasNeuronInput) out.push(`ni${s.id}.fill(0, 0, T * B * ${s.ens.n});`);
    return out;
  },
  forward,
  backward,
};
