// The typed engine's ops as data: each op is a record of its forward code and its adjoint
// (TensorFlow.js's `*_grad.ts`: kernelName, inputsToSave, gradFunc), and the generator
// (../codegen.ts) only orders them and assembles their code into the passes.
import { type Graph, type GraphConnection, type GraphSignal, graphEntry } from "../graph.js";

/** One preallocated buffer: `width` values per example and step, over `T + extraSteps` steps. */
export interface BufferSpec {
  readonly name: string;
  readonly width: number;
  readonly extraSteps: number;
  /** An adjoint buffer, zeroed before each backward pass. */
  readonly adjoint: boolean;
  /**
   * Kept in float64 whatever the model's dtype: the low-dimensional signals (ports, ensemble
   * inputs, synapse states and their adjoints), which are cheap and carry the recursions whose
   * rounding would accumulate; the per-neuron buffers follow the dtype.
   */
  readonly precise: boolean;
}

/** Constant arrays the kernels read (gains, slices, constant node values). */
export interface ConstantSpec {
  readonly name: string;
  readonly value: Float64Array | Int32Array;
}

/** An ensemble's signal: what the `Encode` op runs on. */
export type EnsembleSignal = GraphSignal & { readonly kind: "ensemble" };

/** A connection and its index in `graph.connections`: what the `Weights` and synapse ops run on. */
export interface ConnectionNode {
  readonly c: GraphConnection;
  readonly ci: number;
}

/**
 * One op and its gradient. Code is emitted for one step `t` of the unrolled time loop, over the
 * examples `b < B` of a minibatch; it may read and write the buffers it declared, the parameters
 * `p<k>` and their gradients `g<k>`, and the buffers of the signals it connects (through
 * `EmitContext`). Generated code holds numbers and buffer names built from indices only: never a
 * label or any other text taken from the network.
 */
export interface Op<N> {
  /** The op's name (as tfjs's kernelName), for tests and messages. */
  readonly kernelName: string;
  /** What the forward pass stores for the backward pass, by role (the buffers `declare` allocates for it). */
  readonly inputsToSave: readonly string[];
  /** Allocates its buffers and constants, once per node, before any code is emitted. */
  declare(node: N, ctx: EmitContext): void;
  /** Statements zeroing what the forward pass accumulates into, before the time loop (none if omitted). */
  zero?(node: N, ctx: EmitContext): readonly string[];
  /** Code of step `t` of the forward pass, in training (`train`) or inference. */
  forward(node: N, ctx: EmitContext, train: boolean): string;
  /** Code of step `t` of the backward pass: its adjoint ("" when nothing upstream needs it). */
  backward(node: N, ctx: EmitContext): string;
}

/**
 * What ops share while the generator emits them: the graph, which adjoints are needed, the
 * buffers and constants declared so far, and how to address a signal's value.
 */
export class EmitContext {
  readonly buffers: BufferSpec[] = [];
  readonly constants: ConstantSpec[] = [];
  /** Connections into each signal. */
  readonly incoming: readonly (readonly GraphConnection[])[];
  /** Whether each signal's adjoint is computed: when something trainable lies upstream of it. */
  readonly needAdjoint: readonly boolean[];

  constructor(readonly graph: Graph) {
    const incoming: GraphConnection[][] = graph.signals.map(() => []);
    for (const c of graph.connections) graphEntry(incoming, c.post, "signal").push(c);
    this.incoming = incoming;
    const need = graph.signals.map(() => false);
    this.needAdjoint = need;
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of graph.signals) {
        if (need[s.id] || s.kind === "input" || s.kind === "constant" || s.kind === "time") continue;
        const own = s.kind === "ensemble" && (this.trainable(s.ens.encoders) || this.trainable(s.ens.bias));
        if (own || graphEntry(incoming, s.id, "signal").some((c) => this.connNeeds(c))) {
          need[s.id] = true;
          changed = true;
        }
      }
    }
  }

  /** Whether parameter `p` is trained. */
  trainable(p: number): boolean {
    return graphEntry(this.graph.parameters, p, "parameter").info.trainable;
  }

  /** Whether a connection's backward runs: its weights are trained or its pre needs an adjoint. */
  connNeeds(c: GraphConnection): boolean {
    return this.trainable(c.weight) || this.needAdjoint[c.pre] === true;
  }

  /** Declares a buffer; returns its name. */
  buf(name: string, width: number, adjoint = false, extraSteps = 0, precise = true): string {
    this.buffers.push({ name, width, extraSteps, adjoint, precise });
    return name;
  }

  /** Declares a constant array; returns its name. */
  konst(name: string, value: Float64Array | Int32Array): string {
    this.constants.push({ name, value });
    return name;
  }

  signal(id: number): GraphSignal {
    return graphEntry(this.graph.signals, id, "signal");
  }

  /** Connections into signal `id`. */
  incomingOf(id: number): readonly GraphConnection[] {
    return graphEntry(this.incoming, id, "signal");
  }

  /** Connection `ci` and its index. */
  connection(ci: number): ConnectionNode {
    return { c: graphEntry(this.graph.connections, ci, "connection"), ci };
  }

  /** The connections out of signal `id`, in network order. */
  outgoing(id: number): ConnectionNode[] {
    return graphEntry(this.graph.outgoing, id, "signal").map((ci) => this.connection(ci));
  }

  /** Buffer and per-(t, b) offset expression of a signal's value. */
  valueAt(id: number): { readonly arr: string; readonly off: string } {
    const s = this.signal(id);
    if (s.kind === "constant") return { arr: `K${id}`, off: "0" };
    if (s.kind === "time") return { arr: `tab${id}`, off: `t * ${s.size}` };
    return { arr: `v${id}`, off: `(t * B + b) * ${s.size}` };
  }

  /** The buffer a connection adds into, its adjoint, and its width. */
  targetOf(c: GraphConnection): { readonly arr: string; readonly adj: string; readonly width: number } {
    const s = this.signal(c.post);
    if (c.into === "x" && s.kind === "ensemble") return { arr: `x${s.id}`, adj: `gx${s.id}`, width: s.ens.d };
    if (c.into === "neurons" && s.kind === "ensemble") return { arr: `ni${s.id}`, adj: `gni${s.id}`, width: s.ens.n };
    return { arr: `v${s.id}`, adj: `gv${s.id}`, width: s.size };
  }

  /** Index expression of output row `o` in the target (through the post slice). */
  postIdx(node: ConnectionNode, o: string): string {
    return node.c.postSlice === null ? o : `QS${node.ci}[${o}]`;
  }

  /** Index expression of input `j` in the pre value (through the pre slice). */
  preIdx(node: ConnectionNode, j: string): string {
    return node.c.preSlice === null ? j : `PS${node.ci}[${j}]`;
  }
}
