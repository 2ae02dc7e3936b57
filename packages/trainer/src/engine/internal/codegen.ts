// The generator of the typed-array engine: it takes each op of the graph as a record of its
// forward code and its adjoint (./ops: Encode, Weights, SynapseStep, SynapseRead, MseLoss),
// orders them once, and assembles one fused JavaScript function per pass (forward for training,
// forward for inference, loss, backward) with every size, offset and constant inlined. The
// functions run over buffers preallocated for the unrolled steps, and allocate nothing. The
// source holds numbers and names built from indices only, never a label or other network text.
import type { Graph } from "./graph.js";
import { encodeOp } from "./ops/encodeOp.js";
import { mseLossOp } from "./ops/mseLossOp.js";
import { type BufferSpec, type ConnectionNode, type ConstantSpec, EmitContext } from "./ops/Op.js";
import { synapseReadOp, synapseStepOp } from "./ops/synapseOps.js";
import { weightsOp } from "./ops/weightsOp.js";

export type { BufferSpec, ConstantSpec } from "./ops/Op.js";

export interface GeneratedKernels {
  readonly source: string;
  readonly buffers: readonly BufferSpec[];
  readonly constants: readonly ConstantSpec[];
  /** Ensembles (signal ids) whose neurons run the type's own step through `ext[id]` in inference. */
  readonly inferSteps: readonly number[];
  /** Ensembles whose neurons run their own step in training too (surrogate gradients). */
  readonly trainSteps: readonly number[];
  /** Whether each signal's adjoint is computed. */
  readonly needAdjoint: readonly boolean[];
}

/** Every op declares its buffers and constants, signal by signal, then connection by connection. */
function declareAll(ctx: EmitContext): void {
  const { graph, needAdjoint } = ctx;
  for (const s of graph.signals) {
    if (s.kind === "constant") ctx.konst(`K${s.id}`, s.value);
    else if (s.kind !== "time") ctx.buf(`v${s.id}`, s.size, false, 0, s.kind !== "ensemble");
    if (needAdjoint[s.id]) ctx.buf(`gv${s.id}`, s.size, true, 0, s.kind !== "ensemble");
    if (s.kind === "ensemble") encodeOp.declare(s, ctx);
  }
  graph.connections.forEach((c, ci) => {
    weightsOp.declare({ c, ci }, ctx);
    if (c.filter !== null) synapseStepOp.declare({ c, ci }, ctx);
  });
}

/** The filtered connections (synapse ops), in network order. */
const filtered = (graph: Graph): ConnectionNode[] => graph.connections.map((c, ci) => ({ c, ci })).filter(({ c }) => c.filter !== null);

/** Step t of the forward pass: synapse outputs read, then each signal's op and its outgoing connections in order. */
function forwardStep(ctx: EmitContext, train: boolean): string {
  const { graph } = ctx;
  const parts: string[] = [];
  for (const node of filtered(graph)) parts.push(synapseReadOp.forward(node, ctx, train));
  for (const id of graph.order) {
    const s = ctx.signal(id);
    if (s.kind === "ensemble") parts.push(encodeOp.forward(s, ctx, train));
    for (const node of ctx.outgoing(id)) {
      const code = weightsOp.forward(node, ctx, train);
      parts.push(node.c.filter === null ? code : `{\n${code}\n${synapseStepOp.forward(node, ctx, train)}\n}`);
    }
  }
  return parts.join("\n");
}

/** Step t of the backward pass: the forward's ops in reverse order, each one's adjoint. */
function backwardStep(ctx: EmitContext): string {
  const { graph } = ctx;
  const parts: string[] = [];
  for (const id of [...graph.order].reverse()) {
    const s = ctx.signal(id);
    for (const node of ctx.outgoing(id).reverse()) {
      if (!ctx.connNeeds(node.c)) continue;
      if (node.c.filter !== null) parts.push(synapseStepOp.backward(node, ctx));
      parts.push(weightsOp.backward(node, ctx));
    }
    if (s.kind === "ensemble" && ctx.needAdjoint[id]) parts.push(encodeOp.backward(s, ctx));
  }
  for (const node of filtered(graph)) if (ctx.connNeeds(node.c)) parts.push(synapseReadOp.backward(node, ctx));
  return parts.join("\n");
}

/** What the forward pass zeroes before its time loop: the sums, the ops' accumulators and synapse states. */
function zeroForward(ctx: EmitContext): string[] {
  const out: string[] = [];
  for (const s of ctx.graph.signals) {
    if (s.kind === "sum") out.push(`v${s.id}.fill(0, 0, T * B * ${s.size});`);
    if (s.kind === "ensemble") out.push(...(encodeOp.zero?.(s, ctx) ?? []));
  }
  for (const node of filtered(ctx.graph)) out.push(...(synapseStepOp.zero?.(node, ctx) ?? []));
  return out;
}

/** Copies the minibatch's examples (b0 + b) of each input port into its signal, step-major. */
function copyInputs(graph: Graph): string {
  return graph.inputs
    .map(
      (p, k) => `{ const d = io.inputs[${k}]; const S = ${p.size};
      for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) { const o = (t * B + b) * S, q = ((b0 + b) * T + t) * S; for (let i = 0; i < S; i++) v${p.signal}[o + i] = d[q + i]; } }`,
    )
    .join("\n");
}

/** The source of the module: buffers unpacked, then the four pass functions. */
function assemble(ctx: EmitContext): string {
  const { graph } = ctx;
  const tables = graph.signals
    .filter((s) => s.kind === "time")
    .map((s) => `const tab${s.id} = io.tables[${s.id}];`)
    .join("\n");
  const zeroAdj = ctx.buffers
    .filter((b) => b.adjoint)
    .map((b) => `${b.name}.fill(0, 0, (T + ${b.extraSteps}) * B * ${b.width});`)
    .join("\n");
  const lossCode = graph.outputs.map((p, k) => mseLossOp.forward({ k, size: p.size, signal: p.signal }, ctx)).join("\n");
  const names = [...new Set(ctx.buffers.map((b) => b.name))];
  const { constants } = ctx;
  return `"use strict";
const { A, P, G, K, io, ext, libm } = R;
const exp = libm.exp, log1p = libm.log1p, tanh = libm.tanh;
const { ${names.join(", ")} } = A;
${constants.length > 0 ? `const { ${constants.map((c) => c.name).join(", ")} } = K;` : ""}
${graph.parameters.map((_, k) => `const p${k} = P[${k}], g${k} = G[${k}];`).join("\n")}
function forward(B, T, b0, train) {
  ${tables}
  ${zeroForward(ctx).join("\n  ")}
  ${copyInputs(graph)}
  if (train) {
    for (let t = 0; t < T; t++) {
      ${forwardStep(ctx, true)}
    }
  } else {
    for (let t = 0; t < T; t++) {
      ${forwardStep(ctx, false)}
    }
  }
}
function zeroAdjoints(B, T) {
  ${zeroAdj}
}
function loss(B, T, b0, grad) {
  let total = 0;
  ${lossCode}
  return total;
}
function backward(B, T) {
  ${tables}
  for (let t = T - 1; t >= 0; t--) {
    ${backwardStep(ctx)}
  }
}
return { forward, zeroAdjoints, loss, backward };
`;
}

/**
 * Emits the kernels of `graph`. The source is the body of `new Function("R", source)`, which
 * returns `{ forward, zeroAdjoints, loss, backward }`.
 */
export function generateKernels(graph: Graph): GeneratedKernels {
  const ctx = new EmitContext(graph);
  declareAll(ctx);
  const ensembles = graph.signals.flatMap((s) => (s.kind === "ensemble" ? [s] : []));
  return {
    source: assemble(ctx),
    buffers: ctx.buffers,
    constants: ctx.constants,
    inferSteps: ensembles.filter((s) => s.ens.neurons.infer === null).map((s) => s.id),
    trainSteps: ensembles.filter((s) => s.ens.neurons.trainStep).map((s) => s.id),
    needAdjoint: ctx.needAdjoint,
  };
}
