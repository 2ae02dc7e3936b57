// The typed-array engine's compiled model: the generated kernels over preallocated buffers.
import { type NeuronType, Rng, TrainingError } from "@plexus/core";
import { f64At, libm, numAt } from "@plexus/core/runtime";
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

/** One example's neuron state, and the pairs (state array, initial value) a reset copies. */
interface ExampleState {
  readonly record: Record<string, Float64Array>;
  readonly resets: readonly (readonly [Float64Array, Float64Array])[];
}

/** Runs a neuron type's own step (spiking types) on each example's row, with per-example state. */
class StepRunner {
  private readonly states: ExampleState[] = [];
  private readonly jRow: Float64Array;
  private readonly outRow: Float64Array;
  readonly run: (t: number, B: number) => void;

  constructor(type: NeuronType, n: number, capB: number, initial: Readonly<Record<string, Float64Array>>, J: TA, R: TA, dt: number) {
    this.jRow = new Float64Array(n);
    this.outRow = new Float64Array(n);
    for (let b = 0; b < capB; b++) {
      const record: Record<string, Float64Array> = {};
      const resets: [Float64Array, Float64Array][] = [];
      for (const [k, v] of Object.entries(initial)) {
        const a = Float64Array.from(v);
        record[k] = a;
        resets.push([a, v]);
      }
      this.states.push({ record, resets });
    }
    const { jRow, outRow, states } = this;
    this.run = (t: number, B: number): void => {
      for (let b = 0; b < B; b++) {
        const state = states[b];
        if (state === undefined) throw new TrainingError(`a pass of ${B} examples, more than the ${states.length} the buffers were made for`);
        const off = (t * B + b) * n;
        for (let i = 0; i < n; i++) jRow[i] = numAt(J, off + i);
        type.step(dt, jRow, outRow, state.record);
        R.set(outRow, off);
      }
    };
  }

  reset(B: number): void {
    for (const state of this.states.slice(0, B)) for (const [a, v] of state.resets) a.set(v);
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

/** A parameter's storage (the generated code's `P[k]`), its gradient (`G[k]`) and how it is stored. */
interface ParameterSlot {
  readonly info: ParameterInfo;
  readonly rowScale: Float64Array | null;
  readonly value: TA;
  readonly grad: Float64Array;
}

/** Buffer `name` of the generated kernels. */
function bufferOf(A: Readonly<Record<string, TA>>, name: string): TA {
  const a = A[name];
  if (a === undefined) throw new TrainingError(`the compiled model has no buffer ${name}; compile the network again`);
  return a;
}

export class TypedModel implements CompiledModel {
  readonly parameters: readonly ParameterInfo[];
  private readonly slots: readonly ParameterSlot[];
  private readonly index = new Map<string, ParameterSlot>();
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
    this.slots = graph.parameters.map((p) => {
      const value = new this.Arr(p.init.length);
      value.set(p.init);
      // Gradients accumulate in float64 whatever the storage: a float32 sum over batch × steps
      // would lose the small components to cancellation.
      return { info: p.info, rowScale: p.rowScale, value, grad: new Float64Array(p.info.trainable ? p.init.length : 0) };
    });
    this.P = this.slots.map((p) => p.value);
    this.G = this.slots.map((p) => p.grad);
    for (const slot of this.slots) this.index.set(slot.info.name, slot);
    for (const c of gen.constants) this.K[c.name] = c.value;
    this.io = {
      inputs: graph.inputs.map(() => null),
      targets: graph.outputs.map(() => null),
      counts: graph.outputs.map(() => 0),
      tables: graph.signals.map(() => null),
    };
    const rng = new Rng(options.seed);
    for (const id of new Set([...gen.inferSteps, ...gen.trainSteps])) {
      const s = graph.signals[id];
      if (s === undefined || s.kind !== "ensemble") continue;
      this.initialStates.set(id, s.ens.initialState ?? s.ens.neurons.type.makeState(s.ens.n, rng));
    }
  }

  private param(name: string): ParameterSlot {
    return parameterIndex(this.index, this.parameters, name);
  }

  private live(): void {
    if (this.disposed) throw new TrainingError("CompiledModel: used after dispose(); compile the network again");
  }

  getParameter(name: string): Float64Array {
    this.live();
    const p = this.param(name);
    return readParameter(p.value, p.rowScale);
  }

  setParameter(name: string, value: ArrayLike<number>): void {
    this.live();
    const p = this.param(name);
    writeParameter(p.value, value, p.info, p.rowScale);
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

  /** Makes the buffers hold `B` examples of `T` steps (grows them, never shrinks). */
  private ensure(B: number, T: number): Kernels {
    if (this.kernels !== undefined && B <= this.capB && T <= this.capT) return this.kernels;
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
      const s = this.graph.signals[id];
      if (s === undefined || s.kind !== "ensemble") continue;
      const r = new StepRunner(s.ens.neurons.type, s.ens.n, capB, init, bufferOf(A, `J${id}`), bufferOf(A, `v${id}`), this.graph.dt);
      this.runners.set(id, r);
      ext[id] = r.run;
    }
    this.trainRunners = this.gen.trainSteps.flatMap((id) => this.runners.get(id) ?? []);
    this.inferRunners = this.gen.inferSteps.flatMap((id) => this.runners.get(id) ?? []);
    const kernels = factoryOf(this.gen)({ A, P: this.P, G: this.G, K: this.K, io: this.io, ext, libm });
    this.kernels = kernels;
    return kernels;
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
        else if (y.length !== s.size)
          throw new TrainingError(`${s.name}: its output function gave ${y.length} values at step ${t + 1}, expected ${s.size}`, { label: s.name });
        else tab.set(y, t * s.size);
      }
      this.io.tables[s.id] = tab;
    }
    this.tablesT = T;
  }

  // bind, resetRunners and applyOptimizer run once per minibatch: plain loops, no closures.
  private bind(inputs: Readonly<Record<string, Float64Array>>, targets: Readonly<Record<string, Float64Array>> | null, B: number, T: number): void {
    const { inputs: ins, outputs: outs } = this.graph;
    for (const [k, p] of ins.entries()) {
      const x = inputs[p.name];
      if (x === undefined) throw new TrainingError(`no input data for port '${p.name}'; give inputs for every input port`, { label: p.name });
      this.io.inputs[k] = x;
    }
    for (const [k, p] of outs.entries()) {
      this.io.targets[k] = targets === null ? null : (targets[p.name] ?? null);
      this.io.counts[k] = B * T * p.size;
    }
    this.setTables(T);
  }

  private resetRunners(B: number, train: boolean): void {
    const list = train ? this.trainRunners : this.inferRunners;
    for (const r of list) r.reset(B);
  }

  lossAndGradients(batch: BatchData): number {
    this.live();
    checkBatch(this.graph, batch, true);
    const { batchSize: B, steps: T } = batch;
    const k = this.ensure(B, T);
    this.bind(batch.inputs, batch.targets, B, T);
    this.resetRunners(B, true);
    k.forward(B, T, 0, true);
    for (const g of this.G) g.fill(0);
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
    for (const [k, p] of outs.entries()) {
      const target = this.io.targets[k];
      if (target === null || target === undefined) continue;
      const S = p.size;
      const n = B * T * S;
      let bufs = this.lossBufs.get(n);
      if (bufs === undefined) {
        bufs = { pred: new Float64Array(n), grad: new Float64Array(n) };
        this.lossBufs.set(n, bufs);
      }
      const { pred, grad } = bufs;
      const v = bufferOf(this.A, `v${p.signal}`);
      const gv = this.A[`gv${p.signal}`];
      for (let t = 0; t < T; t++) {
        for (let b = 0; b < B; b++) {
          const o = (t * B + b) * S;
          const q = (b * T + t) * S;
          for (let i = 0; i < S; i++) pred[q + i] = numAt(v, o + i);
        }
      }
      grad.fill(0);
      total += fn.value(pred, target, gv === undefined ? null : grad, { batchSize: B, steps: T, dims: S });
      if (gv === undefined) continue;
      for (let t = 0; t < T; t++) {
        for (let b = 0; b < B; b++) {
          const o = (t * B + b) * S;
          const q = (b * T + t) * S;
          for (let i = 0; i < S; i++) gv[o + i] = f64At(grad, q + i);
        }
      }
    }
    return total;
  }

  applyOptimizer(optimizer: OptimizerState): void {
    this.live();
    if (!this.haveGradients) throw new TrainingError("CompiledModel.applyOptimizer: call lossAndGradients first");
    optimizer.beginStep();
    for (const p of this.slots) if (p.info.trainable) optimizer.update(p.info.name, p.value, p.grad);
  }

  /** Chunk size for inference: the training capacity, or up to 256 examples. */
  private chunkFor(B: number, T: number): { chunk: number; k: Kernels } {
    const chunk = this.capB > 0 ? this.capB : Math.min(B, 256);
    return { chunk, k: this.ensure(Math.min(chunk, B), T) };
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
        const y = out[p.name];
        if (target !== undefined && y !== undefined) total += fn.value(y, target, null, { batchSize: B, steps: T, dims: p.size });
      }
      return total;
    }
    const { chunk, k } = this.chunkFor(B, T);
    this.bind(batch.inputs, batch.targets, B, T);
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
    const { chunk, k } = this.chunkFor(B, T);
    this.bind(inputs, null, B, T);
    const outs = this.graph.outputs.map((p) => ({ p, y: new Float64Array(B * T * p.size) }));
    for (let b0 = 0; b0 < B; b0 += chunk) {
      const Bc = Math.min(chunk, B - b0);
      this.resetRunners(Bc, false);
      k.forward(Bc, T, b0, false);
      for (const { p, y } of outs) {
        const v = bufferOf(this.A, `v${p.signal}`);
        const S = p.size;
        for (let t = 0; t < T; t++) {
          for (let b = 0; b < Bc; b++) {
            const o = (t * Bc + b) * S;
            const q = ((b0 + b) * T + t) * S;
            for (let i = 0; i < S; i++) y[q + i] = numAt(v, o + i);
          }
        }
      }
    }
    return Object.fromEntries(outs.map(({ p, y }) => [p.name, y]));
  }

  dispose(): void {
    this.disposed = true;
    this.A = {};
    this.kernels = undefined;
    this.runners.clear();
  }
}
