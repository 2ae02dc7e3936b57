// A synapse (Nengo's one-step-delayed LTI filter) as two ops: SynapseStep advances the filter
// state from its input m(t) (written by the Weights op), SynapseRead adds its output o(t) into
// the target at the start of step t. Their adjoints run the same recursions backwards.
import { BuildError, type DiscreteFilter } from "@plexus/core";
import type { GraphConnection } from "../graph.js";
import { lit } from "./literal.js";
import type { ConnectionNode, EmitContext, Op } from "./Op.js";

/** The connection's discretised synapse (the synapse ops run only on filtered connections). */
function filterOf(c: GraphConnection): DiscreteFilter {
  if (c.filter === null)
    throw new BuildError(`${c.name}: a synapse op on a connection without a synapse; this is a bug in the gradient engines, please report it`, {
      label: c.name,
    });
  return c.filter;
}

/** Entry i of a state-space matrix of the synapse (A, B or C), which its order sizes. */
function at(m: Float64Array, i: number, c: GraphConnection): number {
  const v = m[i];
  if (v === undefined)
    throw new BuildError(`${c.name}.synapse: its state-space matrices are smaller than its order; check the filter's num and den`, { label: c.name });
  return v;
}

const hasState = (f: DiscreteFilter): boolean => f.stepKind === "noD" || f.stepKind === "general";

const head = (m: number): string => `for (let b = 0; b < B; b++) {
        const mo = (t * B + b) * ${m}, oc = (t * B + b) * ${m}, on = ((t + 1) * B + b) * ${m};`;

/** Weighted sum `c0 * arr[base + 0m + k] + ...` over the filter's order. */
const terms = (n: number, coef: (i: number) => number, item: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `${lit(coef(i))} * ${item(i)}`).join(" + ");

function stepForward({ c, ci }: ConnectionNode): string {
  const f = filterOf(c);
  const m = c.rows;
  switch (f.stepKind) {
    case "noX":
      return `${head(m)} for (let k = 0; k < ${m}; k++) o${ci}[on + k] = ${lit(f.d)} * m${ci}[mo + k]; }`;
    case "oneX":
      return `${head(m)} for (let k = 0; k < ${m}; k++) o${ci}[on + k] = ${lit(at(f.a, 0, c))} * o${ci}[oc + k] + ${lit(at(f.c, 0, c) * at(f.b, 0, c))} * m${ci}[mo + k]; }`;
    case "noD":
    case "general": {
      const n = f.order;
      const S = m * n;
      const state = (base: string) => (i: number) => `s${ci}[${base} + ${i * m} + k]`;
      const lines = [`const sc = (t * B + b) * ${S}, sn = ((t + 1) * B + b) * ${S};`, `for (let k = 0; k < ${m}; k++) { const u = m${ci}[mo + k];`];
      if (f.stepKind === "general") lines.push(`o${ci}[on + k] = ${terms(n, (i) => at(f.c, i, c), state("sc"))} + ${lit(f.d)} * u;`);
      for (let i = 0; i < n; i++)
        lines.push(`s${ci}[sn + ${i * m} + k] = ${terms(n, (kk) => at(f.a, i * n + kk, c), state("sc"))} + ${lit(at(f.b, i, c))} * u;`);
      if (f.stepKind === "noD") lines.push(`o${ci}[on + k] = ${terms(n, (i) => at(f.c, i, c), state("sn"))};`);
      lines.push("}");
      return `${head(m)}\n${lines.join("\n")} }`;
    }
  }
}

function stepBackward({ c, ci }: ConnectionNode): string {
  const f = filterOf(c);
  const m = c.rows;
  switch (f.stepKind) {
    case "noX":
      return `${head(m)} for (let k = 0; k < ${m}; k++) gm${ci}[mo + k] = ${lit(f.d)} * go${ci}[on + k]; }`;
    case "oneX":
      return `${head(m)} for (let k = 0; k < ${m}; k++) { const g = go${ci}[on + k]; gm${ci}[mo + k] = ${lit(at(f.c, 0, c) * at(f.b, 0, c))} * g; go${ci}[oc + k] += ${lit(at(f.a, 0, c))} * g; } }`;
    case "noD":
    case "general": {
      const n = f.order;
      const S = m * n;
      const h = (i: number): string => `h${i}`;
      const lines = [`const sc = (t * B + b) * ${S}, sn = ((t + 1) * B + b) * ${S};`, `for (let k = 0; k < ${m}; k++) {`, `const g = go${ci}[on + k];`];
      if (f.stepKind === "noD") {
        // o[t+1] = C s[t+1]; s[t+1] = A s[t] + B u[t]
        for (let i = 0; i < n; i++) lines.push(`const h${i} = gs${ci}[sn + ${i * m} + k] + ${lit(at(f.c, i, c))} * g;`);
        lines.push(`gm${ci}[mo + k] = ${terms(n, (i) => at(f.b, i, c), h)};`);
        for (let kk = 0; kk < n; kk++) lines.push(`gs${ci}[sc + ${kk * m} + k] += ${terms(n, (i) => at(f.a, i * n + kk, c), h)};`);
      } else {
        // o[t+1] = C s[t] + D u[t]; s[t+1] = A s[t] + B u[t]
        for (let i = 0; i < n; i++) lines.push(`const h${i} = gs${ci}[sn + ${i * m} + k];`);
        lines.push(`gm${ci}[mo + k] = ${lit(f.d)} * g + ${terms(n, (i) => at(f.b, i, c), h)};`);
        for (let kk = 0; kk < n; kk++) lines.push(`gs${ci}[sc + ${kk * m} + k] += ${lit(at(f.c, kk, c))} * g + ${terms(n, (i) => at(f.a, i * n + kk, c), h)};`);
      }
      lines.push("}");
      return `${head(m)}\n${lines.join("\n")} }`;
    }
  }
}

/**
 * SynapseStep: from the input m(t) and the state at t, the output o(t+1) and the state at t+1
 * (one-step delay: o(t+1) is read at step t+1). Its adjoint carries do(t+1) (and ds(t+1)) back to
 * dm(t), do(t) and ds(t). The output and state of every step are kept for the backward.
 */
export const synapseStepOp: Op<ConnectionNode> = {
  kernelName: "SynapseStep",
  inputsToSave: ["o (output per step)", "s (state per step)"],
  declare({ c, ci }, ctx) {
    const f = filterOf(c);
    ctx.buf(`m${ci}`, c.rows);
    ctx.buf(`o${ci}`, c.rows, false, 1);
    if (hasState(f)) ctx.buf(`s${ci}`, c.rows * f.order, false, 1);
    if (ctx.connNeeds(c)) {
      ctx.buf(`gm${ci}`, c.rows, true);
      ctx.buf(`go${ci}`, c.rows, true, 1);
      if (hasState(f)) ctx.buf(`gs${ci}`, c.rows * f.order, true, 1);
    }
  },
  zero({ c, ci }) {
    const f = filterOf(c);
    const out = [`o${ci}.fill(0, 0, B * ${c.rows});`];
    if (hasState(f)) out.push(`s${ci}.fill(0, 0, B * ${c.rows * f.order});`);
    return out;
  },
  forward: (node) => stepForward(node),
  backward: (node, ctx) => (ctx.connNeeds(node.c) ? stepBackward(node) : ""),
};

/** SynapseRead: at step t > 0, adds the synapse's output o(t) into the target; its adjoint adds the target's into do(t). */
export const synapseReadOp: Op<ConnectionNode> = {
  kernelName: "SynapseRead",
  inputsToSave: [],
  declare() {},
  forward(node, ctx: EmitContext) {
    const { c, ci } = node;
    const tgt = ctx.targetOf(c);
    return `if (t > 0) { // connection ${ci} (synapse output)
      for (let b = 0; b < B; b++) {
        const oo = (t * B + b) * ${c.rows}, qo = (t * B + b) * ${tgt.width};
        for (let k = 0; k < ${c.rows}; k++) ${tgt.arr}[qo + ${ctx.postIdx(node, "k")}] += o${ci}[oo + k];
      }
    }`;
  },
  backward(node, ctx) {
    const { c, ci } = node;
    if (!ctx.connNeeds(c)) return "";
    const tgt = ctx.targetOf(c);
    return `if (t > 0) { // connection ${ci} (synapse output, adjoint)
      for (let b = 0; b < B; b++) {
        const oo = (t * B + b) * ${c.rows}, qo = (t * B + b) * ${tgt.width};
        for (let k = 0; k < ${c.rows}; k++) go${ci}[oo + k] += ${tgt.adj}[qo + ${ctx.postIdx(node, "k")}];
      }
    }`;
  },
};
