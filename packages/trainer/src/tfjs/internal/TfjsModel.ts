// The tfjs engine's compiled model: the same graph as the typed engine, unrolled as tfjs ops
// (float32), differentiated by tfjs's tape. Parameters are kept as float64 masters (so that the
// optimiser state is shared with the typed engine) and mirrored into tfjs variables.
import { type NeuronType, TrainingError } from "@plexus/core";
import * as tf from "@tensorflow/tfjs-core";
import type { BatchData, CompiledModel, LossFunction, ParameterInfo } from "../../engine/CompiledModel.js";
import { checkBatch, checkInputs } from "../../engine/internal/checkBatch.js";
import type { Graph, GraphConnection, GraphSignal } from "../../engine/internal/graph.js";
import { parameterIndex, readParameter, writeParameter } from "../../engine/internal/parameterAccess.js";
import type { OptimizerState } from "../../engine/Optimizer.js";
import { activate } from "./backend.js";
import { rate, rateDerivative } from "./rates.js";

type T2 = tf.Tensor2D;

let modelCount = 0;

/** Runs a neuron type's own step for each example, state kept across the steps of one pass. */
class StepRunner {
  private states: Record<string, Float64Array>[] = [];
  private readonly jRow: Float64Array;
  private readonly outRow: Float64Array;

  constructor(
    private readonly type: NeuronType,
    private readonly n: number,
    private readonly initial: Readonly<Record<string, Float64Array>>,
    private readonly dt: number,
  ) {
    this.jRow = new Float64Array(n);
    this.outRow = new Float64Array(n);
  }

  reset(B: number): void {
    while (this.states.length < B) this.states.push({});
    for (let b = 0; b < B; b++) {
      const s = this.states[b]!;
      for (const [k, v] of Object.entries(this.initial)) {
        const cur = s[k];
        if (cur === undefined) s[k] = Float64Array.from(v);
        else cur.set(v);
      }
    }
  }

  /** Spikes (or the type's output) for currents J (B × n). */
  step(J: Float32Array, B: number): Float32Array {
    const { n, jRow, outRow } = this;
    const out = new Float32Array(B * n);
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < n; i++) jRow[i] = J[b * n + i]!;
      this.type.step(this.dt, jRow, outRow, this.states[b]!);
      for (let i = 0; i < n; i++) out[b * n + i] = outRow[i]!;
    }
    return out;
  }
}

export class TfjsModel implements CompiledModel {
  readonly parameters: readonly ParameterInfo[];
  private readonly index = new Map<string, number>();
  private readonly master: Float64Array[];
  private readonly vars: tf.Variable[];
  private readonly G: Float64Array[];
  private readonly runners = new Map<number, StepRunner>();
  /** Constant tensors: gains, slice selectors, constant node values. */
  private readonly consts: tf.Tensor[] = [];
  private readonly gR = new Map<number, tf.Tensor1D>();
  private readonly gain = new Map<number, tf.Tensor1D>();
  private readonly postSel = new Map<number, T2>();
  private readonly preIdx = new Map<number, tf.Tensor1D>();
  /** Per sparse connection: each tap's (row, column), row, column and parameter entry (as a 2-D index). */
  private readonly taps = new Map<number, { at: tf.Tensor2D; row: tf.Tensor1D; col: tf.Tensor1D; weight: tf.Tensor2D }>();
  private haveGradients = false;
  private disposed = false;

  constructor(
    private readonly graph: Graph,
    readonly backend: string,
    initialStates: ReadonlyMap<number, Readonly<Record<string, Float64Array>>>,
    private readonly lossFn: LossFunction | null,
  ) {
    activate(backend);
    this.parameters = graph.parameters.map((p) => p.info);
    graph.parameters.forEach((p, k) => this.index.set(p.info.name, k));
    this.master = graph.parameters.map((p) => Float64Array.from(p.init));
    const uid = modelCount++;
    this.vars = graph.parameters.map((p, k) => tf.variable(tf.tensor(Float32Array.from(p.init), [...p.info.shape]), p.info.trainable, `plexus${uid}_${k}`));
    this.G = graph.parameters.map((p) => new Float64Array(p.info.trainable ? p.init.length : 0));
    const keep = <X extends tf.Tensor>(t: X): X => {
      this.consts.push(t);
      return t;
    };
    for (const s of graph.signals) {
      if (s.kind !== "ensemble") continue;
      this.gR.set(s.id, keep(tf.tensor1d(Float32Array.from(s.ens.gainR))));
      this.gain.set(s.id, keep(tf.tensor1d(Float32Array.from(s.ens.gain))));
      const init = initialStates.get(s.id);
      if (init !== undefined) this.runners.set(s.id, new StepRunner(s.ens.neurons.type, s.ens.n, init, graph.dt));
    }
    graph.connections.forEach((c, ci) => {
      if (c.preSlice !== null) this.preIdx.set(ci, keep(tf.tensor1d(c.preSlice, "int32")));
      if (c.taps !== null) {
        const at = new Int32Array(2 * c.taps.col.length);
        for (let o = 0; o < c.rows; o++) {
          for (let k = c.taps.ptr[o]!; k < c.taps.ptr[o + 1]!; k++) {
            at[2 * k] = o;
            at[2 * k + 1] = c.taps.col[k]!;
          }
        }
        const nnz = c.taps.col.length;
        this.taps.set(ci, {
          at: keep(tf.tensor2d(at, [nnz, 2], "int32")),
          row: keep(
            tf.tensor1d(
              at.filter((_, i) => i % 2 === 0),
              "int32",
            ),
          ),
          col: keep(tf.tensor1d(c.taps.col, "int32")),
          weight: keep(tf.tensor2d(c.taps.weight, [nnz, 1], "int32")),
        });
      }
      if (c.postSlice !== null) {
        const width = this.targetWidth(c);
        const sel = new Float32Array(c.rows * width);
        c.postSlice.forEach((q, o) => (sel[o * width + q] = 1));
        this.postSel.set(ci, keep(tf.tensor2d(sel, [c.rows, width])));
      }
    });
  }

  private targetWidth(c: GraphConnection): number {
    const s = this.graph.signals[c.post]!;
    if (s.kind === "ensemble") return c.into === "x" ? s.ens.d : s.ens.n;
    return s.size;
  }

  private param(name: string): number {
    return parameterIndex(this.index, this.parameters, name);
  }

  private live(): void {
    if (this.disposed) throw new TrainingError("CompiledModel: used after dispose(); compile the network again");
    activate(this.backend);
  }

  private upload(k: number): void {
    const p = this.parameters[k]!;
    tf.tidy(() => this.vars[k]!.assign(tf.tensor(Float32Array.from(this.master[k]!), [...p.shape])));
  }

  getParameter(name: string): Float64Array {
    this.live();
    const k = this.param(name);
    return readParameter(this.master[k]!, this.graph.parameters[k]!.rowScale);
  }

  setParameter(name: string, value: ArrayLike<number>): void {
    this.live();
    const k = this.param(name);
    writeParameter(this.master[k]!, value, this.parameters[k]!, this.graph.parameters[k]!.rowScale);
    this.upload(k);
  }

  gradient(name: string): Float64Array {
    this.live();
    const k = this.param(name);
    if (!this.parameters[k]!.trainable) {
      throw new TrainingError(`CompiledModel.gradient: '${name}' is not trainable (net.config.setTrainable), so it has no gradient`, { label: name });
    }
    if (!this.haveGradients) throw new TrainingError("CompiledModel.gradient: call lossAndGradients first");
    return Float64Array.from(this.G[k]!);
  }

  /** The unrolled network: per output port, its values `B × T × S` (call inside a tidy). */
  private forward(inputs: Readonly<Record<string, Float64Array>>, B: number, T: number, train: boolean): Map<number, tf.Tensor3D> {
    const g = this.graph;
    const steps = new Map<number, T2[]>();
    for (const p of g.inputs) {
      const x = tf.tensor3d(Float32Array.from(inputs[p.name]!), [B, T, p.size]);
      steps.set(p.signal, tf.unstack(x, 1) as T2[]);
    }
    const tables = new Map<number, T2>();
    for (const s of g.signals) {
      if (s.kind === "constant") tables.set(s.id, tf.broadcastTo(tf.tensor2d(Float32Array.from(s.value), [1, s.size]), [B, s.size]));
      if (s.kind === "time") {
        const tab = new Float32Array(T * s.size);
        const none = new Float64Array(0);
        for (let t = 0; t < T; t++) {
          const y = s.fn((t + 1) * g.dt, none);
          if (typeof y === "number") tab[t * s.size] = y;
          else for (let i = 0; i < s.size; i++) tab[t * s.size + i] = y[i]!;
        }
        tables.set(s.id, tf.tensor2d(tab, [T, s.size]));
      }
    }
    for (const [id, r] of this.runners) {
      const s = g.signals[id]!;
      if (s.kind === "ensemble" && (train ? s.ens.neurons.trainStep : s.ens.neurons.infer === null)) r.reset(B);
    }
    // Synapse outputs for the current step and states (one tensor per state variable).
    const filterOut = new Map<number, T2>();
    const filterState = new Map<number, T2[]>();
    g.connections.forEach((c, ci) => {
      if (c.filter === null) return;
      filterOut.set(ci, tf.zeros([B, c.rows]));
      if (c.filter.stepKind === "noD" || c.filter.stepKind === "general") {
        filterState.set(
          ci,
          Array.from({ length: c.filter.order }, () => tf.zeros([B, c.rows]) as T2),
        );
      }
    });
    const outputs = new Map<number, T2[]>(g.outputs.map((p) => [p.signal, []]));

    for (let t = 0; t < T; t++) {
      const contrib = new Map<string, T2[]>();
      const add = (c: GraphConnection, ci: number, z: T2): void => {
        const sel = this.postSel.get(ci);
        const key = `${c.post}:${c.into}`;
        const list = contrib.get(key) ?? [];
        list.push(sel === undefined ? z : tf.matMul(z, sel));
        contrib.set(key, list);
      };
      const sum = (id: number, into: string, width: number): T2 => {
        const list = contrib.get(`${id}:${into}`);
        if (list === undefined || list.length === 0) return tf.zeros([B, width]);
        return list.length === 1 ? list[0]! : (tf.addN(list) as T2);
      };
      for (const [ci, out] of filterOut) add(g.connections[ci]!, ci, out);
      const value = new Map<number, T2>();
      for (const id of g.order) {
        const s: GraphSignal = g.signals[id]!;
        let v: T2;
        switch (s.kind) {
          case "input":
            v = steps.get(id)![t]!;
            break;
          case "constant":
            v = tables.get(id)!;
            break;
          case "time":
            v = tf.broadcastTo(tf.slice(tables.get(id)!, [t, 0], [1, s.size]), [B, s.size]) as T2;
            break;
          case "sum":
            v = sum(id, "value", s.size);
            break;
          case "ensemble":
            v = this.ensemble(s, sum(id, "x", s.ens.d), s.ens.hasNeuronInput ? sum(id, "neurons", s.ens.n) : null, B, train);
            break;
        }
        value.set(id, v);
        for (const ci of g.outgoing[id]!) {
          const c = g.connections[ci]!;
          const z = this.weights(c, ci, v);
          if (c.filter === null) add(c, ci, z);
          else this.filterStep(c, ci, z, filterOut, filterState);
        }
      }
      for (const p of g.outputs) outputs.get(p.signal)!.push(value.get(p.signal)!);
    }
    const result = new Map<number, tf.Tensor3D>();
    for (const [id, list] of outputs) result.set(id, tf.stack(list, 1) as tf.Tensor3D);
    return result;
  }

  private ensemble(s: GraphSignal & { kind: "ensemble" }, x: T2, ni: T2 | null, B: number, train: boolean): T2 {
    const e = s.ens;
    const E = this.vars[e.encoders]! as tf.Variable<tf.Rank.R2>;
    let J = tf.add(tf.mul(tf.matMul(x, E, false, true), this.gR.get(s.id)!), this.vars[e.bias]!) as T2;
    if (ni !== null) J = tf.add(J, tf.mul(ni, this.gain.get(s.id)!));
    const plan = e.neurons;
    if (train && !plan.trainStep) return rate(plan.train, J);
    if (!train && plan.infer !== null) return rate(plan.infer, J);
    const runner = this.runners.get(s.id)!;
    const n = e.n;
    const spikes = (j: T2): T2 => tf.tensor2d(runner.step(j.dataSync() as Float32Array, B), [B, n]);
    if (!train) return spikes(J);
    // Surrogate gradient: the real step forward, the smoothed curve's derivative backward.
    const model = plan.train;
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const j = args[0] as T2;
      const save = args[1] as tf.GradSaveFunc;
      save([j]);
      return { value: spikes(j), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, rateDerivative(model, saved[0]!)) };
    });
    return f(J) as T2;
  }

  private weights(c: GraphConnection, ci: number, pre: T2): T2 {
    const W = this.vars[c.weight]!;
    const idx = this.preIdx.get(ci);
    const x = idx === undefined ? pre : (tf.gather(pre, idx, 1) as T2);
    switch (c.form) {
      case "scalar":
      case "vector":
        return tf.mul(x, W);
      case "matrix":
      case "decoded":
        return tf.matMul(x, W as tf.Variable<tf.Rank.R2>, false, true);
      case "sparse": {
        return this.sparseProduct(c, ci, x, W);
      }
    }
  }

  /**
   * `x · Wᵀ` for a Sparse or convolution transform: the taps' values scattered into the dense
   * matrix (taps at one place add up), then a product. Its gradient is written out (tfjs has none
   * for scatterND, and gather's needs a kernel the wasm backend lacks): dx = dy · W; each tap's
   * Σ_b dy[b, row]·x[b, col] added into its parameter entry.
   */
  private sparseProduct(c: GraphConnection, ci: number, x: T2, W: tf.Variable): T2 {
    const t = this.taps.get(ci)!;
    const n = W.size;
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xin, w] = args as [T2, tf.Tensor];
      const save = args[2] as tf.GradSaveFunc;
      const values = tf.gatherND(tf.reshape(w, [-1]), t.weight);
      const dense = tf.scatterND(t.at, values, [c.rows, c.cols]) as tf.Tensor2D;
      save([xin, dense]);
      return {
        value: tf.matMul(xin, dense, false, true),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xs, ds] = saved as [T2, tf.Tensor2D];
          const dx = tf.matMul(dy as T2, ds);
          const perTap = tf.sum(tf.mul(tf.gather(dy, t.row, 1), tf.gather(xs, t.col, 1)), 0);
          const dw = tf.reshape(tf.scatterND(t.weight, perTap, [n]), W.shape);
          return [dx, dw];
        },
      };
    });
    return f(x, W) as T2;
  }

  private filterStep(c: GraphConnection, ci: number, u: T2, out: Map<number, T2>, state: Map<number, T2[]>): void {
    const f = c.filter!;
    switch (f.stepKind) {
      case "noX":
        out.set(ci, tf.mul(u, f.d));
        return;
      case "oneX":
        out.set(ci, tf.add(tf.mul(out.get(ci)!, f.a[0]!), tf.mul(u, f.c[0]! * f.b[0]!)));
        return;
      case "noD":
      case "general": {
        const n = f.order;
        const s = state.get(ci)!;
        const lin = (coef: (i: number) => number, xs: T2[]): T2 => tf.addN(xs.map((x, i) => tf.mul(x, coef(i)))) as T2;
        const next = Array.from(
          { length: n },
          (_, i) =>
            tf.add(
              lin((k) => f.a[i * n + k]!, s),
              tf.mul(u, f.b[i]!),
            ) as T2,
        );
        if (f.stepKind === "general")
          out.set(
            ci,
            tf.add(
              lin((i) => f.c[i]!, s),
              tf.mul(u, f.d),
            ),
          );
        else
          out.set(
            ci,
            lin((i) => f.c[i]!, next),
          );
        state.set(ci, next);
        return;
      }
    }
  }

  /** Σ over ports with a target of the mean squared error. */
  private loss(outs: Map<number, tf.Tensor3D>, targets: Readonly<Record<string, Float64Array>>, B: number, T: number): tf.Scalar {
    const terms: tf.Scalar[] = [];
    for (const p of this.graph.outputs) {
      const y = targets[p.name];
      if (y === undefined) continue;
      const out = outs.get(p.signal)!;
      const fn = this.lossFn;
      if (fn === null) {
        const target = tf.tensor3d(Float32Array.from(y), [B, T, p.size]);
        terms.push(tf.mean(tf.square(tf.sub(out, target))));
        continue;
      }
      // A user loss runs in JS on the downloaded prediction; its gradient enters the tape as a constant.
      const shape = { batchSize: B, steps: T, dims: p.size };
      const user = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
        const pred = Float64Array.from((args[0] as tf.Tensor).dataSync());
        const grad = new Float64Array(pred.length);
        const value = fn.value(pred, y, grad, shape);
        return { value: tf.scalar(value), gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.tensor3d(Float32Array.from(grad), [B, T, p.size])) };
      });
      terms.push(user(out) as tf.Scalar);
    }
    return (terms.length === 1 ? terms[0]! : tf.addN(terms)) as tf.Scalar;
  }

  lossAndGradients(batch: BatchData): number {
    this.live();
    checkBatch(this.graph, batch, true);
    const { batchSize: B, steps: T } = batch;
    const trainable = this.vars.filter((_, k) => this.parameters[k]!.trainable);
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => this.loss(this.forward(batch.inputs, B, T, true), batch.targets, B, T), trainable);
      this.parameters.forEach((p, k) => {
        if (!p.trainable) return;
        const gk = grads[this.vars[k]!.name];
        const dst = this.G[k]!;
        if (gk === undefined) dst.fill(0);
        else dst.set(gk.dataSync());
      });
      return value.dataSync()[0]!;
    });
    this.haveGradients = true;
    return loss;
  }

  applyOptimizer(optimizer: OptimizerState): void {
    this.live();
    if (!this.haveGradients) throw new TrainingError("CompiledModel.applyOptimizer: call lossAndGradients first");
    optimizer.beginStep();
    this.parameters.forEach((p, k) => {
      if (!p.trainable) return;
      optimizer.update(p.name, this.master[k]!, this.G[k]!);
      this.upload(k);
    });
  }

  evaluate(batch: BatchData): number {
    this.live();
    checkBatch(this.graph, batch, true);
    const { batchSize: B, steps: T } = batch;
    return tf.tidy(() => this.loss(this.forward(batch.inputs, B, T, false), batch.targets, B, T).dataSync()[0]!);
  }

  predict(inputs: Readonly<Record<string, Float64Array>>, batchSize: number, steps: number): Record<string, Float64Array> {
    this.live();
    checkInputs(this.graph, inputs, batchSize, steps);
    const res: Record<string, Float64Array> = {};
    tf.tidy(() => {
      const outs = this.forward(inputs, batchSize, steps, false);
      for (const p of this.graph.outputs) res[p.name] = Float64Array.from(outs.get(p.signal)!.dataSync());
    });
    return res;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.vars) v.dispose();
    for (const c of this.consts) c.dispose();
  }
}
