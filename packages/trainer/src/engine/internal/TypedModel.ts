// The typed-array engine's compiled model: the generated kernels over preallocated buffers.
import { type NeuronType, Rng, TrainingError } from "@plexus/core";
import { libm } from "@plexus/core/runtime";
import type { BatchData, CompiledModel, Dtype, LossFunction, LossSpec, ParameterInfo } from "../CompiledModel.js";
import type { OptimizerState } from "../Optimizer.js";
import { checkBatch, checkInputs } from "./checkBatch.js";
import type { GeneratedKernels } from "./codegen.js";
import type { Graph } from "./graph.js";
import { parameterIndex, readParameter, writeParameter } from "./parameterAccess.js";

type TA = Float64Array | Float32Array;

interface Kernels {
  forward(B: number, T: number, b0: number, train: boolean): void;
  zeroAdjoints(B: number, T: number): void;
  loss(B: number, T: number, b0: number, grad: boolean): number;
  backward(B: number, T: number): void;
}

interface Io {
  inputs: (Float64Array | null)[];
  targets: (Float64Array | null)[];
  counts: number[];
  tables: (Float64Array | null)[];
}

/** Runs a neuron type's own step (spiking types) on each example's row, with per-example state. */
class StepRunner {
  private readonly states: Record<string, Float64Array>[] = [];
  private readonly names: readonly string[];
  private readonly jRow: Float64Array;
  private readonly outRow: Float64Array;
  readonly run: (t: number, B: number) => void;

  constructor(
    type: NeuronType,
    n: number,
    capB: number,
    private readonly initial: Readonly<Record<string, Float64Array>>,
    J: TA,
    R: TA,
    dt: number,
  ) {
    this.names = Object.keys(initial);
    this.jRow = new Float64Array(n);
    this.outRow = new Float64Array(n);
    for (let b = 0; b < capB; b++) {
      const s: Record<string, Float64Array> = {};
      for (const [k, v] of Object.entries(initial)) s[k] = Float64Array.from(v);
      this.states.push(s);
    }
    const { jRow, outRow, states } = this;
    this.run = (t: number, B: number): void => {
      for (let b = 0; b < B; b++) {
        const off = (t * B + b) * n;
        for (let i = 0; i < n; i++) jRow[i] = J[off + i]!;
        type.step(dt, jRow, outRow, states[b]!);
        for (let i = 0; i < n; i++) R[off + i] = outRow[i]!;
      }
    };
  }

  reset(B: number): void {
    const names = this.names;
    for (let b = 0; b < B; b++) {
      const s = this.states[b]!;
      for (let i = 0; i < names.length; i++) s[names[i]!]!.set(this.initial[names[i]!]!);
    }
  }
}

const FACTORY_CACHE = new WeakMap<GeneratedKernels, (R: unknown) => Kernels>();

function factoryOf(k: GeneratedKernels): (R: unknown) => Kernels {
  let f = FACTORY_CACHE.get(k);
  if (f === undefined) {
    f = new Function("R", k.source) as (R: unknown) => Kernels;
    FACTORY_CACHE.set(k, f);
  }
  return f;
}

export interface TypedModelOptions {
  readonly dtype: Dtype;
  readonly seed: number;
  readonly loss: LossSpec | LossFunction;
}

export class TypedModel implements CompiledModel {
  readonly parameters: readonly ParameterInfo[];
  private readonly index = new Map<string, number>();
  private readonly P: TA[];
  private readonly G: TA[];
  private readonly Arr: new (
    n: number,
  ) => TA;
  private A: Record<string, TA> = {};
  private K: Record<string, Float64Array | Int32Array> = {};
  private kernels: Kernels | undefined;
  private runners = new Map<number, StepRunner>();
  /** The runners to reset before a training pass and before an inference pass. */
  private trainRunners: StepRunner[] = [];
  private inferRunners: StepRunner[] = [];
  private readonly initialStates = new Map<number, Record<string, Float64Array>>();
  private capB = 0;
  private capT = 0;
  private readonly io: Io;
  private tablesT = -1;
  private haveGradients = false;
  private disposed = false;
  private readonly lossFn: LossFunction | null;
  /** Prediction and gradient buffers of a user loss, per output port, by length. */
  private readonly lossBufs = new Map<number, { pred: Float64Array; grad: Float64Array }>();

  constructor(
    private readonly graph: Graph,
    private readonly gen: GeneratedKernels,
    options: TypedModelOptions,
  ) {
    this.Arr = options.dtype === "float32" ? Float32Array : Float64Array;
    this.lossFn = options.loss === "mse" ? null : options.loss;
    this.parameters = graph.parameters.map((p) => p.info);
    this.P = graph.parameters.map((p) => {
      const a = new this.Arr(p.init.length);
      a.set(p.init);
      return a;
    });
    // Gradients accumulate in float64 whatever the storage: a float32 sum over batch × steps
    // would lose the small components to cancellation.
    this.G = graph.parameters.map((p) => new Float64Array(p.info.trainable ? p.init.length : 0));
    graph.parameters.forEach((p, k) => this.index.set(p.info.name, k));
    for (const c of gen.constants) this.K[c.name] = c.value;
    this.io = {
      inputs: graph.inputs.map(() => null),
      targets: graph.outputs.map(() => null),
      counts: graph.outputs.map(() => 0),
      tables: graph.signals.map(() => null),
    };
    const rng = new Rng(options.seed);
    for (const id of new Set([...gen.inferSteps, ...gen.trainSteps])) {
      const s = graph.signals[id]!;
      if (s.kind !== "ensemble") continue;
      this.initialStates.set(id, s.ens.initialState ?? s.ens.neurons.type.makeState(s.ens.n, rng));
    }
  }

  private param(name: string): number {
    return parameterIndex(this.index, this.parameters, name);
  }

  private live(): void {
    if (this.disposed) throw new TrainingError("CompiledModel: used after dispose(); compile the network again");
  }

  getParameter(name: string): Float64Array {
    this.live();
    const k = this.param(name);
    return readParameter(this.P[k]!, this.graph.parameters[k]!.rowScale);
  }

  setParameter(name: string, value: ArrayLike<number>): void {
    this.live();
    const k = this.param(name);
    writeParameter(this.P[k]!, value, this.parameters[k]!, this.graph.parameters[k]!.rowScale);
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

  /** Makes the buffers hold `B` examples of `T` steps (grows them, never shrinks). */
  private ensure(B: number, T: number): void {
    if (this.kernels !== undefined && B <= this.capB && T <= this.capT) return;
    const capB = Math.max(B, this.capB);
    const capT = Math.max(T, this.capT);
    const A: Record<string, TA> = {};
    for (const b of this.gen.buffers) A[b.name] = new (b.precise ? Float64Array : this.Arr)((capT + b.extraSteps) * capB * b.width);
    this.A = A;
    this.capB = capB;
    this.capT = capT;
    const ext: ((t: number, B: number) => void)[] = [];
    this.runners = new Map();
    for (const [id, init] of this.initialStates) {
      const s = this.graph.signals[id]!;
      if (s.kind !== "ensemble") continue;
      const r = new StepRunner(s.ens.neurons.type, s.ens.n, capB, init, A[`J${id}`]!, A[`v${id}`]!, this.graph.dt);
      this.runners.set(id, r);
      ext[id] = r.run;
    }
    this.trainRunners = this.gen.trainSteps.map((id) => this.runners.get(id)!).filter((r) => r !== undefined);
    this.inferRunners = this.gen.inferSteps.map((id) => this.runners.get(id)!).filter((r) => r !== undefined);
    this.kernels = factoryOf(this.gen)({ A, P: this.P, G: this.G, K: this.K, io: this.io, ext, libm });
  }

  private setTables(T: number): void {
    if (this.tablesT === T) return;
    for (const s of this.graph.signals) {
      if (s.kind !== "time") continue;
      const tab = new Float64Array(T * s.size);
      const none = new Float64Array(0);
      for (let t = 0; t < T; t++) {
        const y = s.fn((t + 1) * this.graph.dt, none);
        if (typeof y === "number") tab[t * s.size] = y;
        else for (let i = 0; i < s.size; i++) tab[t * s.size + i] = y[i]!;
      }
      this.io.tables[s.id] = tab;
    }
    this.tablesT = T;
  }

  // bind, resetRunners and applyOptimizer run once per minibatch: plain loops, no closures.
  private bind(inputs: Readonly<Record<string, Float64Array>>, targets: Readonly<Record<string, Float64Array>> | null, B: number, T: number): void {
    const { inputs: ins, outputs: outs } = this.graph;
    for (let k = 0; k < ins.length; k++) this.io.inputs[k] = inputs[ins[k]!.name]!;
    for (let k = 0; k < outs.length; k++) {
      const p = outs[k]!;
      this.io.targets[k] = targets === null ? null : (targets[p.name] ?? null);
      this.io.counts[k] = B * T * p.size;
    }
    this.setTables(T);
  }

  private resetRunners(B: number, train: boolean): void {
    const list = train ? this.trainRunners : this.inferRunners;
    for (let i = 0; i < list.length; i++) list[i]!.reset(B);
  }

  lossAndGradients(batch: BatchData): number {
    this.live();
    checkBatch(this.graph, batch, true);
    const { batchSize: B, steps: T } = batch;
    this.ensure(B, T);
    this.bind(batch.inputs, batch.targets, B, T);
    const k = this.kernels!;
    this.resetRunners(B, true);
    k.forward(B, T, 0, true);
    for (let i = 0; i < this.G.length; i++) this.G[i]!.fill(0);
    k.zeroAdjoints(B, T);
    const loss = this.lossFn === null ? k.loss(B, T, 0, true) : this.userLoss(this.lossFn, B, T);
    k.backward(B, T);
    this.haveGradients = true;
    return loss;
  }

  /** A user loss on the outputs of the last training pass; its gradient becomes the output adjoints. */
  private userLoss(fn: LossFunction, B: number, T: number): number {
    let total = 0;
    const outs = this.graph.outputs;
    for (let k = 0; k < outs.length; k++) {
      const target = this.io.targets[k];
      if (target === null || target === undefined) continue;
      const p = outs[k]!;
      const S = p.size;
      const n = B * T * S;
      let bufs = this.lossBufs.get(n);
      if (bufs === undefined) {
        bufs = { pred: new Float64Array(n), grad: new Float64Array(n) };
        this.lossBufs.set(n, bufs);
      }
      const { pred, grad } = bufs;
      const v = this.A[`v${p.signal}`]!;
      const gv = this.A[`gv${p.signal}`];
      for (let t = 0; t < T; t++) {
        for (let b = 0; b < B; b++) {
          const o = (t * B + b) * S;
          const q = (b * T + t) * S;
          for (let i = 0; i < S; i++) pred[q + i] = v[o + i]!;
        }
      }
      grad.fill(0);
      total += fn.value(pred, target, gv === undefined ? null : grad, { batchSize: B, steps: T, dims: S });
      if (gv === undefined) continue;
      for (let t = 0; t < T; t++) {
        for (let b = 0; b < B; b++) {
          const o = (t * B + b) * S;
          const q = (b * T + t) * S;
          for (let i = 0; i < S; i++) gv[o + i] = grad[q + i]!;
        }
      }
    }
    return total;
  }

  applyOptimizer(optimizer: OptimizerState): void {
    this.live();
    if (!this.haveGradients) throw new TrainingError("CompiledModel.applyOptimizer: call lossAndGradients first");
    optimizer.beginStep();
    const params = this.parameters;
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      if (p.trainable) optimizer.update(p.name, this.P[k]!, this.G[k]!);
    }
  }

  /** Chunk size for inference: the training capacity, or up to 256 examples. */
  private chunkFor(B: number, T: number): number {
    const chunk = this.capB > 0 ? this.capB : Math.min(B, 256);
    this.ensure(Math.min(chunk, B), T);
    return chunk;
  }

  evaluate(batch: BatchData): number {
    this.live();
    checkBatch(this.graph, batch, true);
    const { batchSize: B, steps: T } = batch;
    const fn = this.lossFn;
    if (fn !== null) {
      const out = this.predict(batch.inputs, B, T);
      let total = 0;
      for (const p of this.graph.outputs) {
        const target = batch.targets[p.name];
        if (target !== undefined) total += fn.value(out[p.name]!, target, null, { batchSize: B, steps: T, dims: p.size });
      }
      return total;
    }
    const chunk = this.chunkFor(B, T);
    this.bind(batch.inputs, batch.targets, B, T);
    const k = this.kernels!;
    let total = 0;
    for (let b0 = 0; b0 < B; b0 += chunk) {
      const Bc = Math.min(chunk, B - b0);
      this.resetRunners(Bc, false);
      k.forward(Bc, T, b0, false);
      total += k.loss(Bc, T, b0, false);
    }
    return total;
  }

  predict(inputs: Readonly<Record<string, Float64Array>>, batchSize: number, steps: number): Record<string, Float64Array> {
    this.live();
    checkInputs(this.graph, inputs, batchSize, steps);
    const B = batchSize;
    const T = steps;
    const chunk = this.chunkFor(B, T);
    this.bind(inputs, null, B, T);
    const k = this.kernels!;
    const out: Record<string, Float64Array> = {};
    for (const p of this.graph.outputs) out[p.name] = new Float64Array(B * T * p.size);
    for (let b0 = 0; b0 < B; b0 += chunk) {
      const Bc = Math.min(chunk, B - b0);
      this.resetRunners(Bc, false);
      k.forward(Bc, T, b0, false);
      for (const p of this.graph.outputs) {
        const v = this.A[`v${p.signal}`]!;
        const y = out[p.name]!;
        const S = p.size;
        for (let t = 0; t < T; t++) {
          for (let b = 0; b < Bc; b++) {
            const o = (t * Bc + b) * S;
            const q = ((b0 + b) * T + t) * S;
            for (let i = 0; i < S; i++) y[q + i] = v[o + i]!;
          }
        }
      }
    }
    return out;
  }

  dispose(): void {
    this.disposed = true;
    this.A = {};
    this.kernels = undefined;
    this.runners.clear();
  }
}
