// The IR flattened into what both gradient engines run: signals (one value per example and step),
// connections between them, and the learnable parameters, in a same-step topological order.
import {
  BuildError,
  type Connection,
  type ConnectionSource,
  type ConnectionTarget,
  convolutionTaps,
  type DiscreteFilter,
  type Ensemble,
  type Network,
  type NodeFunction,
  parameterName,
} from "@plexus/core";
import { i32At } from "@plexus/core/runtime";
import type { EncoderParametrisation, ParameterInfo, SpikingApproximation } from "../CompiledModel.js";
import type { InitialValues } from "./initialValues.js";
import { type NeuronPlan, neuronPlan } from "./neuronModels.js";
import { onlineLearned } from "./onlineLearned.js";

/** An ensemble's neurons as the engines compute them: `J = gainR·(E·x) + bias + gain·nIn`, `r = f(J)`. */
export interface GraphEnsemble {
  readonly obj: Ensemble;
  readonly n: number;
  readonly d: number;
  /** Gains (fixed), for connections into the neurons. */
  readonly gain: Float64Array;
  /** gain / radius, the factor of the encoded input. */
  readonly gainR: Float64Array;
  /** Parameter indices. */
  readonly encoders: number;
  readonly bias: number;
  readonly neurons: NeuronPlan;
  /** Whether some connection ends at `ens.neurons`. */
  hasNeuronInput: boolean;
  /** The build's initial neuron state (state variable → one value per neuron), if it drew one. */
  readonly initialState: Readonly<Record<string, Float64Array>> | null;
}

interface SignalBase {
  readonly id: number;
  readonly size: number;
  readonly name: string;
}

/**
 * A value per example and step: a top-level input port (data), a sum of connections (pass-through
 * node, subnetwork port, top-level output port), a constant or time-function node, or an
 * ensemble's neuron output.
 */
export type GraphSignal =
  | (SignalBase & { readonly kind: "input"; readonly port: string })
  | (SignalBase & { readonly kind: "sum"; readonly outPort: string | null })
  | (SignalBase & { readonly kind: "constant"; readonly value: Float64Array })
  | (SignalBase & { readonly kind: "time"; readonly fn: NodeFunction })
  | (SignalBase & { readonly kind: "ensemble"; readonly ens: GraphEnsemble });

/**
 * How a connection's weights act on its (sliced) pre value: decoded `[rows = postSize, cols = n]`
 * on the neuron outputs; otherwise its transform: scalar, elementwise vector, or `[postSize, preSize]` matrix.
 */
export type WeightForm = "decoded" | "scalar" | "vector" | "matrix" | "sparse";

/**
 * The entries of a `"sparse"` connection (a Sparse transform, or a convolution's taps): output
 * `o` is `Σ_{k in ptr[o]..ptr[o+1]} W[weight[k]] · pre[col[k]]`.
 */
export interface SparseTaps {
  readonly ptr: Int32Array;
  readonly col: Int32Array;
  /** The parameter entry of each tap (the kernel entry of a convolution; the value's index for Sparse). */
  readonly weight: Int32Array;
}

export interface GraphConnection {
  readonly obj: Connection;
  readonly name: string;
  readonly pre: number;
  readonly post: number;
  /** What the connection adds to: a sum signal's value, an ensemble's input x or its neurons' input. */
  readonly into: "value" | "x" | "neurons";
  readonly weight: number;
  readonly form: WeightForm;
  /** The taps of a `"sparse"` connection, else null. */
  readonly taps: SparseTaps | null;
  /** Output size (= postSize) and input size of the weights. */
  readonly rows: number;
  readonly cols: number;
  readonly preSlice: Int32Array | null;
  readonly postSlice: Int32Array | null;
  /** The discretised synapse (one-step delay), or null for none (same step). */
  readonly filter: DiscreteFilter | null;
}

export interface GraphParameter {
  readonly info: ParameterInfo;
  /** The initial value as the engine stores it (scaled encoders in the `"scaled"` parametrisation). */
  readonly init: Float64Array;
  /**
   * Per row, what the stored value is the network's value times (scaled encoders: gain / radius
   * per neuron); null when stored as the network has it. `getParameter`/`setParameter` speak the
   * network's values (the simulator's overrides), gradients and optimiser steps the stored ones.
   */
  readonly rowScale: Float64Array | null;
}

export interface Graph {
  readonly signals: readonly GraphSignal[];
  readonly connections: readonly GraphConnection[];
  readonly parameters: readonly GraphParameter[];
  /** Signal ids in an order where every same-step (synapse-free) connection goes forward. */
  readonly order: readonly number[];
  /** Outgoing connections per signal id, in network order. */
  readonly outgoing: readonly (readonly number[])[];
  readonly inputs: readonly { readonly name: string; readonly size: number; readonly signal: number }[];
  readonly outputs: readonly { readonly name: string; readonly size: number; readonly signal: number }[];
  readonly dt: number;
}

export interface GraphOptions {
  readonly dt: number;
  readonly spikingApproximation: SpikingApproximation;
  readonly sigma: number;
  /** How encoders are trained: `"scaled"` (nengo_dl's: encoders · gain / radius) or `"unit"` (the encoders, under a fixed gain / radius). */
  readonly encoders: EncoderParametrisation;
}

/** Rows of `values` (`[rows, d]`) each times its factor: nengo_dl's (Nengo's builder's) scaled encoders, `encoders * (gain / radius)[:, None]`. */
function scaleRows(values: Float64Array, factor: Float64Array, d: number): Float64Array {
  const out = new Float64Array(values.length);
  factor.forEach((f, i) => values.subarray(i * d, (i + 1) * d).forEach((v, k) => (out[i * d + k] = v * f)));
  return out;
}

/**
 * Entry `i` of one of the graph's lists (signals, connections, parameters, outgoing lists), which
 * the graph's ids index by construction.
 * @throws BuildError where an id is out of range (a bug in the graph's construction).
 */
export function graphEntry<T>(list: readonly T[], i: number, what: string): T {
  const v = list[i];
  if (v === undefined)
    throw new BuildError(`the training graph has no ${what} ${i} (it has ${list.length}); this is a bug in the gradient engines, please report it`);
  return v;
}

/** Scaled encoders divide back by gain / radius when deployed: it must be finite and nonzero. */
function checkGains(name: string, gainR: Float64Array): void {
  const bad = gainR.findIndex((g) => !(Number.isFinite(g) && g !== 0));
  if (bad >= 0) {
    throw new BuildError(
      `${name}: neuron ${bad} has gain ${gainR[bad]}, so its scaled encoder (encoders · gain / radius, the parametrisation nengo_dl trains) cannot be turned back into the encoder the simulator runs; give it a nonzero gain or compile with encoders: "unit"`,
      { label: name },
    );
  }
}

/** The state of one flattening: signals and parameters as they are added, and where each object's signal is. */
class GraphBuilder {
  readonly signals: GraphSignal[] = [];
  readonly parameters: GraphParameter[] = [];
  readonly connections: GraphConnection[] = [];
  readonly inputs: { name: string; size: number; signal: number }[] = [];
  readonly outputs: { name: string; size: number; signal: number }[] = [];
  private readonly bySource = new Map<unknown, number>();
  private readonly ensembleSignal = new Map<Ensemble, number>();
  /** What an online learning rule changes is not trained by gradients (nengo_dl excludes it too). */
  private readonly learned: ReadonlyMap<string, unknown>;

  constructor(
    private readonly net: Network,
    private readonly init: InitialValues,
    private readonly options: GraphOptions,
  ) {
    this.learned = onlineLearned(net);
  }

  private addParam(name: string, shape: readonly number[], trainable: boolean, value: Float64Array, rowScale: Float64Array | null = null): number {
    this.parameters.push({ info: { name, shape, trainable: trainable && !this.learned.has(name) }, init: Float64Array.from(value), rowScale });
    return this.parameters.length - 1;
  }

  /** The top-level ports (data in, sums out) and the subnetworks' ports (sums). */
  ports(): void {
    const { net, signals, bySource } = this;
    for (const port of net.inPorts) {
      const name = port.name;
      const id = signals.length;
      signals.push({ kind: "input", id, size: port.dimensions, name: port.toString(), port: name });
      bySource.set(port, id);
      this.inputs.push({ name, size: port.dimensions, signal: id });
    }
    for (const port of net.outPorts) {
      const name = port.name;
      const id = signals.length;
      signals.push({ kind: "sum", id, size: port.dimensions, name: port.toString(), outPort: name });
      bySource.set(port, id);
      this.outputs.push({ name, size: port.dimensions, signal: id });
    }
    for (const sub of net.all("network")) {
      for (const port of [...sub.inPorts, ...sub.outPorts]) {
        const id = signals.length;
        signals.push({ kind: "sum", id, size: port.dimensions, name: port.toString(), outPort: null });
        bySource.set(port, id);
      }
    }
  }

  /** Nodes: pass-through (sums), constants, functions of time. */
  nodes(): void {
    const { signals } = this;
    for (const node of this.net.all("node")) {
      const id = signals.length;
      const name = node.toString();
      const out = node.output;
      if (out === null) {
        signals.push({ kind: "sum", id, size: node.sizeOut, name, outPort: null });
      } else if (typeof out === "number" || Array.isArray(out) || ArrayBuffer.isView(out)) {
        signals.push({
          kind: "constant",
          id,
          size: node.sizeOut,
          name,
          value: Float64Array.from(typeof out === "number" ? [out] : (out as ArrayLike<number>)),
        });
      } else if (typeof out === "function" && node.sizeIn === 0) {
        signals.push({ kind: "time", id, size: node.sizeOut, name, fn: out as NodeFunction });
      } else {
        throw new BuildError(
          `${name}.output: ${typeof out === "function" ? "a function of the node's input" : "a Process"} cannot be differentiated; give the data through an input port, or use a constant, a function of time only, or a pass-through node`,
          { label: name },
        );
      }
      this.bySource.set(node, id);
    }
  }

  /** Ensembles: their encoders and biases as parameters (scaled encoders by default), and their neuron plan. */
  ensembles(): void {
    const { net, init, options } = this;
    for (const ens of net.all("ensemble")) {
      const name = ens.toString();
      if (ens.noise !== null) {
        throw new BuildError(`${name}.noise: noise processes are not supported by the gradient engines; remove the noise to train`, { label: name });
      }
      const built = init.ensembles.get(ens);
      if (built === undefined) throw new BuildError(`${name}: no built parameters for this ensemble`, { label: name });
      const n = ens.nNeurons;
      const d = ens.dimensions;
      const gainR = built.gain.map((g) => (ens.radius === 1 ? g : g / ens.radius));
      const cfg = (ens.owner ?? net).config;
      const scaled = options.encoders === "scaled";
      if (scaled) checkGains(name, gainR);
      const encoders = this.addParam(
        parameterName(ens, "encoders", net),
        [n, d],
        cfg.isTrainable(ens),
        scaled ? scaleRows(built.encoders, gainR, d) : built.encoders,
        scaled ? gainR : null,
      );
      const bias = this.addParam(parameterName(ens, "bias", net), [n], cfg.isTrainable(ens.neurons), built.bias);
      const ge: GraphEnsemble = {
        obj: ens,
        n,
        d,
        gain: Float64Array.from(built.gain),
        // Scaled encoders carry gain / radius themselves.
        gainR: scaled ? new Float64Array(n).fill(1) : gainR,
        encoders,
        bias,
        neurons: neuronPlan(ens.neuronType, options.spikingApproximation, options.sigma, name),
        hasNeuronInput: false,
        initialState: init.initialStates?.get(ens) ?? null,
      };
      const id = this.signals.length;
      this.signals.push({ kind: "ensemble", id, size: n, name, ens: ge });
      this.ensembleSignal.set(ens, id);
    }
  }

  private sourceId(src: ConnectionSource | ConnectionTarget, conn: Connection): number {
    const id = src.kind === "ensemble" ? this.ensembleSignal.get(src) : src.kind === "neurons" ? this.ensembleSignal.get(src.ensemble) : this.bySource.get(src);
    if (id === undefined) throw new BuildError(`${conn}: ${src} is not part of ${this.net}`, { label: conn.toString() });
    return id;
  }

  /** A connection's weights parameter and how they act (decoders, or the transform's form). */
  private weights(conn: Connection, name: string): { form: WeightForm; rows: number; cols: number; weight: number; taps?: SparseTaps | null } {
    const trainable = (conn.owner ?? this.net).config.isTrainable(conn);
    const wName = parameterName(conn, "weights", this.net);
    if (conn.decoded) {
      const ens = conn.pre as Ensemble;
      if (conn.solver.weights) {
        throw new BuildError(
          `${name}.solver: a weight solver (weights: true) is not supported by the gradient engines; use a decoder solver (the default LstsqL2)`,
          { label: name },
        );
      }
      const w = this.init.decoded.get(conn);
      if (w === undefined) throw new BuildError(`${name}: no built decoders for this connection`, { label: name });
      const rows = conn.postSize;
      return { form: "decoded", rows, cols: ens.nNeurons, weight: this.addParam(wName, [rows, ens.nNeurons], trainable, w) };
    }
    if (conn.function !== null) {
      throw new BuildError(`${name}.function: a function on a connection from ${conn.pre} cannot be differentiated; decode it from an ensemble instead`, {
        label: name,
      });
    }
    const t = conn.denseTransform;
    const cols = conn.preSize;
    if (t === null) {
      const w = transformWeights(conn, this.init, name);
      return { form: w.form, rows: w.rows, cols, taps: w.taps, weight: this.addParam(wName, w.shape, trainable, w.init) };
    }
    const form: WeightForm = t.shape.length === 0 ? "scalar" : t.shape.length === 1 ? "vector" : "matrix";
    const [matrixRows] = t.shape;
    const rows = form === "matrix" && matrixRows !== undefined ? matrixRows : cols;
    return { form, rows, cols, weight: this.addParam(wName, t.shape, trainable, t.data) };
  }

  /** Connections, in network order, with their discretised synapses; returns the outgoing lists per signal. */
  connect(): number[][] {
    const { net, signals, connections } = this;
    const outgoing: number[][] = signals.map(() => []);
    for (const conn of net.all("connection")) {
      const name = conn.toString();
      const pre = this.sourceId(conn.pre, conn);
      const post = this.sourceId(conn.post, conn);
      const into = conn.post.kind === "ensemble" ? "x" : conn.post.kind === "neurons" ? "neurons" : "value";
      if (conn.post.kind === "inPort" && conn.post.network === net) {
        throw new BuildError(`${name}: the network's own input port ${conn.post} takes data, not connections`, { label: name });
      }
      if (into === "neurons") {
        const s = graphEntry(signals, post, "signal");
        if (s.kind === "ensemble") s.ens.hasNeuronInput = true;
      }
      const { form, rows, cols, weight, taps = null } = this.weights(conn, name);
      if (rows !== conn.postSize) {
        throw new BuildError(`${name}.transform: gives ${rows} values but the post end takes ${conn.postSize}`, { label: name });
      }
      const filter = conn.synapse === null ? null : conn.synapse.discretize(this.options.dt);
      connections.push({
        obj: conn,
        name,
        pre,
        post,
        into,
        weight,
        form,
        taps,
        rows,
        cols,
        preSlice: form === "decoded" ? null : conn.preSlice,
        postSlice: conn.postSlice,
        filter,
      });
      graphEntry(outgoing, pre, "signal").push(connections.length - 1);
    }
    return outgoing;
  }
}

/** Same-step order: Kahn's algorithm over synapse-free connections. @throws BuildError for a same-step cycle. */
function sameStepOrder(
  net: Network,
  signals: readonly GraphSignal[],
  connections: readonly GraphConnection[],
  outgoing: readonly (readonly number[])[],
): number[] {
  const indeg = new Int32Array(signals.length);
  for (const c of connections) if (c.filter === null) indeg[c.post] = i32At(indeg, c.post) + 1;
  const order: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < signals.length; i++) if (indeg[i] === 0) ready.push(i);
  for (let s = ready.shift(); s !== undefined; s = ready.shift()) {
    order.push(s);
    for (const ci of graphEntry(outgoing, s, "signal")) {
      const c = graphEntry(connections, ci, "connection");
      if (c.filter !== null) continue;
      const left = i32At(indeg, c.post) - 1;
      indeg[c.post] = left;
      if (left === 0) ready.push(c.post);
    }
  }
  if (order.length < signals.length) {
    const stuck = signals.filter((s) => i32At(indeg, s.id) > 0).map((s) => s.name);
    throw new BuildError(`${net}: a cycle of connections without synapses through ${stuck.join(", ")}; give one of them a synapse`, { label: net.toString() });
  }
  return order;
}

/**
 * Flattens `net` for the gradient engines. Signal names (labels) are for messages only: the
 * generated code refers to signals, connections and parameters by index.
 * @throws BuildError for what cannot be differentiated (functions of node inputs, processes,
 *   noise, neuron types without a rate curve) or a same-step cycle.
 */
export function buildGraph(net: Network, init: InitialValues, options: GraphOptions): Graph {
  const b = new GraphBuilder(net, init, options);
  b.ports();
  b.nodes();
  b.ensembles();
  const outgoing = b.connect();
  const order = sameStepOrder(net, b.signals, b.connections, outgoing);
  return { signals: b.signals, connections: b.connections, parameters: b.parameters, order, outgoing, inputs: b.inputs, outputs: b.outputs, dt: options.dt };
}

/**
 * A transform object's weights as the engines train them: a Dense drawn from a distribution as a
 * matrix; a Sparse transform's values, or a convolution's kernel, as a `"sparse"` connection
 * whose taps index the parameter (the values the simulator's build drew, so training starts where
 * the simulator runs).
 */
function transformWeights(
  conn: Connection,
  init: InitialValues,
  name: string,
): { form: WeightForm; rows: number; taps: SparseTaps | null; shape: readonly number[]; init: Float64Array } {
  const t = conn.transformObject;
  const values = init.transforms?.get(conn);
  if (values === undefined) throw new BuildError(`${name}: no built values for its ${t.kind} transform`, { label: name });
  switch (t.kind) {
    case "Dense":
      return { form: "matrix", rows: t.sizeOut, taps: null, shape: [...t.shape], init: values };
    case "Sparse": {
      const order = Array.from(t.rows.keys()).sort((a, b) => i32At(t.rows, a) - i32At(t.rows, b) || a - b);
      const ptr = new Int32Array(t.sizeOut + 1);
      for (const r of t.rows) ptr[r + 1] = i32At(ptr, r + 1) + 1;
      let sum = 0;
      ptr.forEach((c, i) => (ptr[i] = sum += c));
      return {
        form: "sparse",
        rows: t.sizeOut,
        taps: { ptr, col: Int32Array.from(order, (k) => i32At(t.cols, k)), weight: Int32Array.from(order) },
        shape: [t.size],
        init: values,
      };
    }
    case "Convolution":
    case "ConvolutionTranspose": {
      const taps = convolutionTaps(t);
      return {
        form: "sparse",
        rows: t.sizeOut,
        taps: { ptr: taps.rowPtr, col: taps.inputIndex, weight: taps.kernelIndex },
        shape: [...t.kernelShape],
        init: values,
      };
    }
    case "NoTransform":
      return { form: "scalar", rows: t.sizeOut, taps: null, shape: [], init: Float64Array.of(1) };
  }
}
