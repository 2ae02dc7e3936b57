// The tfjs engine's compiled model: the same graph as the typed engine, unrolled as tfjs ops
// (float32), differentiated by tfjs's tape. Parameters are kept as float64 masters (so that the
// optimiser state is shared with the typed engine) and mirrored into tfjs variables.
import { type DiscreteFilter, InternalError, type NeuronType, TrainingError } from "@plexus/core";
import { f64At, i32At, numAt } from "@plexus/core/runtime";
import * as tf from "@tensorflow/tfjs-core";
import type { BatchData, CompiledModel, LossFunction, ParameterInfo } from "../../engine/CompiledModel.js";
import { checkBatch, checkInputs } from "../../engine/internal/checkBatch.js";
import { type Graph, type GraphConnection, type GraphParameter, type GraphSignal, graphEntry } from "../../engine/internal/graph.js";
import { parameterIndex, readParameter, writeParameter } from "../../engine/internal/parameterAccess.js";
import type { OptimizerState } from "../../engine/Optimizer.js";
import { listEntry, mapEntry } from "../../internal/entry.js";
import { activate } from "./backend.js";
import { rate, rateDerivative } from "./rates.js";

type T2 = tf.Tensor2D;

let modelCount = 0;

/** A parameter: its graph entry, its float64 master value, its tfjs variable and its gradient. */
interface ParameterSlot {
  readonly info: ParameterInfo;
  readonly rowScale: GraphParameter["rowScale"];
  readonly master: Float64Array;
  readonly v: tf.Variable;
  readonly grad: Float64Array;
}

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
    for (const s of this.states.slice(0, B)) {
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
      const state = this.states[b];
      if (state === undefined) throw new InternalError(`a pass of ${B} examples, more than the ${this.states.length} reset() made state for`);
      for (let i = 0; i < n; i++) jRow[i] = numAt(J, b * n + i);
      this.type.step(this.dt, jRow, outRow, state);
      out.set(outRow, b * n);
    }
    return out;
  }
}

export class TfjsModel implements CompiledModel {
  readonly parameters: readonly ParameterInfo[];
  private readonly slots: readonly ParameterSlot[];
  private readonly index = new Map<string, ParameterSlot>();
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
    const uid = modelCount++;
    this.slots = graph.parameters.map((p, k) => ({
      info: p.info,
      rowScale: p.rowScale,
      master: Float64Array.from(p.init),
      v: tf.variable(tf.tensor(Float32Array.from(p.init), [...p.info.shape]), p.info.trainable, `plexus${uid}_${k}`),
      grad: new Float64Array(p.info.trainable ? p.init.length : 0),
    }));
    for (const slot of this.slots) this.index.set(slot.info.name, slot);
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
          for (let k = i32At(c.taps.ptr, o); k < i32At(c.taps.ptr, o + 1); k++) {
            at[2 * k] = o;
            at[2 * k + 1] = i32At(c.taps.col, k);
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
    const s = graphEntry(this.graph.signals, c.post, "signal");
    if (s.kind === "ensemble") return c.into === "x" ? s.ens.d : s.ens.n;
    return s.size;
  }

  private param(name: string): ParameterSlot {
    return parameterIndex(this.index, this.parameters, name);
  }

  /** Parameter `k` of the graph (an ensemble's encoders or bias, a connection's weights). */
  private slot(k: number): ParameterSlot {
    return graphEntry(this.slots, k, "parameter");
  }

  private live(): void {
    if (this.disposed) throw new TrainingError("CompiledModel: used after dispose(); compile the network again");
    activate(this.backend);
  }

  private upload(p: ParameterSlot): void {
    tf.tidy(() => p.v.assign(tf.tensor(Float32Array.from(p.master), [...p.info.shape])));
  }

  getParameter(name: string): Float64Array {
    this.live();
    const p = this.param(name);
    return readParameter(p.master, p.rowScale);
  }

  setParameter(name: string, value: ArrayLike<number>): void {
    this.live();
    const p = this.param(name);
    writeParameter(p.master, value, p.info, p.rowScale);
    this.upload(p);
  }

  gradient(name: string): Float64Array {
    this.live();
    const p = this.param(name);
    if (!p.info.trainable) {
      throw new TrainingError(`CompiledModel.gradient: '${name}' is not trainable (net.config.setTrainable), so it has no gradient`, { label: name });
    }
    if (!this.haveGradients) throw new TrainingError("CompiledModel.gradient: call lossAndGradients first");
    return Float64Array.from(p.grad);
  }

  /** The unrolled network: per output port, its values `B × T × S` (call inside a tidy). */
  private forward(inputs: Readonly<Record<string, Float64Array>>, B: number, T: number, train: boolean): Map<number, tf.Tensor3D> {
    const g = this.graph;
    const steps = new Map<number, T2[]>();
    for (const p of g.inputs) {
      const data = inputs[p.name];
      if (data === undefined) throw new TrainingError(`no input data for port '${p.name}'; give inputs for every input port`, { label: p.name });
      const x = tf.tensor3d(Float32Array.from(data), [B, T, p.size]);
      steps.set(p.signal, tf.unstack(x, 1) as T2[]);
    }
    const tables = this.tables(B, T);
    for (const [id, r] of this.runners) {
      const s = graphEntry(g.signals, id, "signal");
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
    const outputs = g.outputs.map((p) => ({ signal: p.signal, steps: [] as T2[] }));

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
        const list = contrib.get(`${id}:${into}`) ?? [];
        const [first, ...rest] = list;
        if (first === undefined) return tf.zeros([B, width]);
        return rest.length === 0 ? first : (tf.addN(list) as T2);
      };
      for (const [ci, out] of filterOut) add(graphEntry(g.connections, ci, "connection"), ci, out);
      const value = new Map<number, T2>();
      for (const id of g.order) {
        const s: GraphSignal = graphEntry(g.signals, id, "signal");
        let v: T2;
        switch (s.kind) {
          case "input":
            v = listEntry(mapEntry(steps, id, "input steps"), t, "input step");
            break;
          case "constant":
            v = mapEntry(tables, id, "constant value");
            break;
          case "time":
            v = tf.broadcastTo(tf.slice(mapEntry(tables, id, "time table"), [t, 0], [1, s.size]), [B, s.size]) as T2;
            break;
          case "sum":
            v = sum(id, "value", s.size);
            break;
          case "ensemble":
            v = this.ensemble(s, sum(id, "x", s.ens.d), s.ens.hasNeuronInput ? sum(id, "neurons", s.ens.n) : null, B, train);
            break;
        }
        value.set(id, v);
        for (const ci of graphEntry(g.outgoing, id, "signal")) {
          const c = graphEntry(g.connections, ci, "connection");
          const z = this.weights(c, ci, v);
          if (c.filter === null) add(c, ci, z);
          else this.filterStep(c.filter, ci, z, filterOut, filterState);
        }
      }
      for (const o of outputs) o.steps.push(mapEntry(value, o.signal, "signal value"));
    }
    return new Map(outputs.map((o) => [o.signal, tf.stack(o.steps, 1) as tf.Tensor3D]));
  }

  /** The values of the constant nodes (`B × size`) and the tables of the time functions (`T × size`), by signal. */
  private tables(B: number, T: number): Map<number, T2> {
    const g = this.graph;
    const tables = new Map<number, T2>();
    for (const s of g.signals) {
      if (s.kind === "constant") tables.set(s.id, tf.broadcastTo(tf.tensor2d(Float32Array.from(s.value), [1, s.size]), [B, s.size]));
      if (s.kind === "time") {
        const tab = new Float32Array(T * s.size);
        const none = new Float64Array(0);
        for (let t = 0; t < T; t++) {
          const y = s.fn((t + 1) * g.dt, none);
          if (typeof y === "number") tab[t * s.size] = y;
          else if (y.length !== s.size)
            throw new TrainingError(`${s.name}: its output function gave ${y.length} values at step ${t + 1}, expected ${s.size}`, { label: s.name });
          else tab.set(y, t * s.size);
        }
        tables.set(s.id, tf.tensor2d(tab, [T, s.size]));
      }
    }
    return tables;
  }

  private ensemble(s: GraphSignal & { kind: "ensemble" }, x: T2, ni: T2 | null, B: number, train: boolean): T2 {
    const e = s.ens;
    const E = this.slot(e.encoders).v as tf.Variable<tf.Rank.R2>;
    let J = tf.add(tf.mul(tf.matMul(x, E, false, true), mapEntry(this.gR, s.id, "gain / radius")), this.slot(e.bias).v) as T2;
    if (ni !== null) J = tf.add(J, tf.mul(ni, mapEntry(this.gain, s.id, "gain")));
    const plan = e.neurons;
    if (train && !plan.trainStep) return rate(plan.train, J);
    if (!train && plan.infer !== null) return rate(plan.infer, J);
    const runner = mapEntry(this.runners, s.id, "neuron step runner");
    const n = e.n;
    const spikes = (j: T2): T2 => tf.tensor2d(runner.step(j.dataSync() as Float32Array, B), [B, n]);
    if (!train) return spikes(J);
    // Surrogate gradient: the real step forward, the smoothed curve's derivative backward.
    const model = plan.train;
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const j = args[0] as T2;
      const save = args[1] as tf.GradSaveFunc;
      save([j]);
      return { value: spikes(j), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, rateDerivative(model, listEntry(saved, 0, "saved tensor"))) };
    });
    return f(J) as T2;
  }

  private weights(c: GraphConnection, ci: number, pre: T2): T2 {
    const W = this.slot(c.weight).v;
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
    const t = mapEntry(this.taps, ci, "sparse taps");
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

  private filterStep(f: DiscreteFilter, ci: number, u: T2, out: Map<number, T2>, state: Map<number, T2[]>): void {
    switch (f.stepKind) {
      case "noX":
        out.set(ci, tf.mul(u, f.d));
        return;
      case "oneX":
        out.set(ci, tf.add(tf.mul(mapEntry(out, ci, "synapse output"), f64At(f.a, 0)), tf.mul(u, f64At(f.c, 0) * f64At(f.b, 0))));
        return;
      case "noD":
      case "general": {
        const n = f.order;
        const s = mapEntry(state, ci, "synapse state");
        const lin = (coef: (i: number) => number, xs: T2[]): T2 => tf.addN(xs.map((x, i) => tf.mul(x, coef(i)))) as T2;
        const next = Array.from(
          { length: n },
          (_, i) =>
            tf.add(
              lin((k) => f64At(f.a, i * n + k), s),
              tf.mul(u, f64At(f.b, i)),
            ) as T2,
        );
        if (f.stepKind === "general")
          out.set(
            ci,
            tf.add(
              lin((i) => f64At(f.c, i), s),
              tf.mul(u, f.d),
            ),
          );
        else
          out.set(
            ci,
            lin((i) => f64At(f.c, i), next),
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
      const out = mapEntry(outs, p.signal, "output");
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
    const [first, ...rest] = terms;
    if (first === undefined) throw new InternalError("the tfjs model's loss has no term, yet checkBatch lets no batch without targets through");
    return (rest.length === 0 ? first : tf.addN(terms)) as tf.Scalar;
  }

  lossAndGradients(batch: BatchData): number {
    this.live();
    checkBatch(this.graph, batch, true);
    const { batchSize: B, steps: T } = batch;
    const trainable = this.slots.filter((p) => p.info.trainable);
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => this.loss(this.forward(batch.inputs, B, T, true), batch.targets, B, T),
        trainable.map((p) => p.v),
      );
      for (const p of trainable) {
        const gk = grads[p.v.name];
        if (gk === undefined) p.grad.fill(0);
        else p.grad.set(gk.dataSync());
      }
      return numAt(value.dataSync(), 0);
    });
    this.haveGradients = true;
    return loss;
  }

  applyOptimizer(optimizer: OptimizerState): void {
    this.live();
    if (!this.haveGradients) throw new TrainingError("CompiledModel.applyOptimizer: call lossAndGradients first");
    optimizer.beginStep();
    for (const p of this.slots) {
      if (!p.info.trainable) continue;
      optimizer.update(p.info.name, p.master, p.grad);
      this.upload(p);
    }
  }

  evaluate(batch: BatchData): number {
    this.live();
    checkBatch(this.graph, batch, true);
    const { batchSize: B, steps: T } = batch;
    return tf.tidy(() => numAt(this.loss(this.forward(batch.inputs, B, T, false), batch.targets, B, T).dataSync(), 0));
  }

  predict(inputs: Readonly<Record<string, Float64Array>>, batchSize: number, steps: number): Record<string, Float64Array> {
    this.live();
    checkInputs(this.graph, inputs, batchSize, steps);
    const res: Record<string, Float64Array> = {};
    tf.tidy(() => {
      const outs = this.forward(inputs, batchSize, steps, false);
      for (const p of this.graph.outputs) res[p.name] = Float64Array.from(mapEntry(outs, p.signal, "output").dataSync());
    });
    return res;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.slots) p.v.dispose();
    for (const c of this.consts) c.dispose();
  }
}
