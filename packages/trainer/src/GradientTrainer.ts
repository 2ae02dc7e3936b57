import { type Network, type PortDims, type ProgressCallback, Rng, TrainingError } from "@plexus/core";
import type {
  BatchData,
  CompiledModel,
  CompileOptions,
  Dtype,
  EncoderParametrisation,
  Engine,
  LossFunction,
  LossSpec,
  SpikingApproximation,
} from "./engine/CompiledModel.js";
import { adam, type OptimizerSpec, optimizerState } from "./engine/Optimizer.js";
import { freezeBatch, type ParameterValue } from "./freeze.js";
import { checkTrainable } from "./internal/checkTrainable.js";
import { type CallbackThrew, callbackStop, earlyStopError, outputsLabel, userCallback } from "./internal/earlyStop.js";
import { interiorOf } from "./internal/interior.js";
import { normalizeData, normalizePorts, sliceBatch } from "./internal/normalizeData.js";
import { optionsArgument, shown } from "./internal/optionsArgument.js";
import { type EngineName, resolveEngine } from "./internal/resolveEngine.js";
import { sealedCopy } from "./internal/sealedCopy.js";
import { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { FitOptions, Trainer } from "./Trainer.js";
import type { PortInputs, PortOutputs, TrainingData } from "./TrainingData.js";
import type { BatchLogs, EarlyStop, EpochLogs } from "./TrainingReport.js";

/** Options of {@link GradientTrainer}. */
export interface GradientTrainerOptions {
  /** Default `adam({ learningRate: 1e-3 })`. */
  readonly optimizer?: OptimizerSpec;
  /** Examples per minibatch (the last minibatch of an epoch may be smaller). Default 100. */
  readonly minibatchSize?: number;
  /** `"mse"` (default) or a `LossFunction`, on each output port with a target (summed over the ports). */
  readonly loss?: LossSpec | LossFunction;
  /** Seed of the shuffles (a core `Rng`), and of the build that draws initial parameters when the network has no seed of its own. Default: the network's seed, else 0. */
  readonly seed?: number;
  /** `"typed"` (default: planned typed-array engine), `"tfjs"` (TensorFlow.js), or an {@link Engine}. */
  readonly engine?: EngineName | Engine;
  /** Time step in seconds. Default 0.001. */
  readonly dt?: number;
  /** How spiking neurons train (see `CompileOptions`). Default `"softlif"`. */
  readonly spikingApproximation?: SpikingApproximation;
  /** SoftLIF smoothing (nengo_dl's `lif_smoothing`). Default 0.02. */
  readonly sigma?: number;
  /** Storage precision of the engine. Default `"float64"`. */
  readonly dtype?: Dtype;
  /**
   * How encoders are trained (see `CompileOptions.encoders`): `"scaled"` (default) as nengo_dl
   * trains them (encoders · gain / radius, with the biases), so a nengo_dl learning rate carries
   * over; `"unit"` as Plexus did before (unit encoders under a fixed gain).
   */
  readonly encoders?: EncoderParametrisation;
}

/** Callbacks of `fit`, as tfjs-layers calls them. A returned promise is awaited. */
export interface GradientCallbacks {
  readonly onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  readonly onBatchEnd?: (batch: number, logs: BatchLogs) => void | Promise<void>;
}

/** Options of {@link GradientTrainer.fit}. */
export interface GradientFitOptions extends FitOptions {
  /** Passes over the data. Default 1. */
  readonly epochs?: number;
  /** Shuffle the examples before each epoch (from the trainer's seed, with core's `Rng`). Default true. */
  readonly shuffle?: boolean;
  /** Data to evaluate (inference mode) at the end of each epoch: `logs.valLoss`. */
  readonly validationData?: TrainingData;
  readonly callbacks?: GradientCallbacks;
  /**
   * A callback that receives the progress of each minibatch (`task` the network's label, `unit`
   * `"minibatches"`, `note` its loss); default `false`: no reports. The trainer draws nothing
   * itself (`@plexus/cli`'s `Progress.callback()` renders the events as bars).
   */
  readonly progress?: false | ProgressCallback;
}

const trainingError = (message: string, label: string): Error => new TrainingError(message, { label });

/** How often (ms) a long epoch lets the event loop run, so that an abort can arrive. */
const YIELD_MS = 25;

/**
 * Trains a subnetwork by gradient descent (nengo_dl's `fit`): the network is compiled by an engine
 * (time-unrolled over the data's steps, minibatched) and its trainable parameters (encoders,
 * biases, connection weights, the connections leaving input ports included; see
 * `net.config.setTrainable`) follow the optimiser.
 *
 * @example
 * const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 100, seed: 0 });
 * const trained = await trainer.fit(channel, { inputs: { u: x }, targets: { y: x } }, { epochs: 100 });
 * trained.report.deployedLoss; // the loss of what you deploy
 */
export class GradientTrainer implements Trainer<GradientFitOptions> {
  readonly name = "GradientTrainer";
  readonly optimizer: OptimizerSpec;
  readonly minibatchSize: number;
  readonly loss: LossSpec | LossFunction;
  readonly seed: number | undefined;
  readonly dt: number;
  private readonly engineSpec: EngineName | Engine;
  private readonly compileExtras: Pick<CompileOptions, "spikingApproximation" | "sigma" | "dtype" | "encoders">;

  /** @throws TrainingError when `minibatchSize`, `dt` or `seed` is out of range or the loss is unknown. */
  constructor(options: GradientTrainerOptions = {}) {
    optionsArgument(options, "GradientTrainer");
    this.optimizer = options.optimizer ?? adam({ learningRate: 1e-3 });
    this.minibatchSize = options.minibatchSize ?? 100;
    this.loss = options.loss ?? "mse";
    this.seed = options.seed;
    this.dt = options.dt ?? 0.001;
    this.engineSpec = options.engine ?? "typed";
    this.compileExtras = {
      ...(options.spikingApproximation === undefined ? {} : { spikingApproximation: options.spikingApproximation }),
      ...(options.sigma === undefined ? {} : { sigma: options.sigma }),
      ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
      ...(options.encoders === undefined ? {} : { encoders: options.encoders }),
    };
    const where = "GradientTrainer";
    if (!(Number.isInteger(this.minibatchSize) && this.minibatchSize >= 1)) {
      throw new TrainingError(`${where}.minibatchSize: must be an integer >= 1 (got ${shown(this.minibatchSize)})`, { label: where });
    }
    if (!(Number.isFinite(this.dt) && this.dt > 0))
      throw new TrainingError(`${where}.dt: must be a number of seconds > 0 (got ${shown(this.dt)})`, { label: where });
    if (this.seed !== undefined && !Number.isInteger(this.seed))
      throw new TrainingError(`${where}.seed: must be an integer (got ${shown(this.seed)})`, { label: where });
    const loss: unknown = this.loss;
    const isFunction =
      typeof loss === "object" &&
      loss !== null &&
      typeof (loss as { value?: unknown }).value === "function" &&
      typeof (loss as { name?: unknown }).name === "string";
    if (loss !== "mse" && !isFunction) {
      throw new TrainingError(`${where}.loss: must be "mse" or a LossFunction { name, value(prediction, target, grad, shape) } (got ${String(loss)})`, {
        label: where,
      });
    }
  }

  /** The engine's name (`"typed"`, `"tfjs"`, or a custom engine's). */
  get engineName(): string {
    return typeof this.engineSpec === "string" ? this.engineSpec : this.engineSpec.name;
  }

  /**
   * Trains `network` on `data` for `options.epochs` epochs and returns the frozen subnetwork,
   * with `report.trainLoss` (the running average over the last epoch, as Keras/tfjs print it) and
   * `report.deployedLoss` (the simulator's loss of the frozen subnetwork on the same data).
   * The network itself is not modified.
   * Parameters that an online learning rule changes (a PES connection's weights) are left out, as
   * nengo_dl leaves them (a warning says so when the config asked for them).
   * @throws TrainingError when nothing is trainable, or when no output port with a target can see a
   *   gradient within an example (its latency from every trained parameter is at least the
   *   example's steps: the port and its latency are named; warned for some ports only); for bad
   *   data (unknown port, wrong shape, non-finite value), a loss that
   *   becomes NaN or infinite (which epoch and minibatch; `partialResult(error)` holds the
   *   parameters of the last finite loss), an aborted `signal` or a callback that threw (its
   *   cause the thrown value; `partialResult(error)` holds the parameters at that moment). BuildError when the engine cannot compile the network.
   */
  async fit<const I extends PortDims, const O extends PortDims>(
    userNetwork: Network<I, O>,
    data: TrainingData<I, O>,
    options: GradientFitOptions = {},
  ): Promise<TrainedSubnetwork<I, O>> {
    optionsArgument(options, "GradientTrainer.fit");
    // Trained and kept as a private copy: nothing done to the user's network from here on reaches it.
    const network = sealedCopy(userNetwork);
    const epochs = options.epochs ?? 1;
    if (!(Number.isInteger(epochs) && epochs >= 0))
      throw new TrainingError(`${this.name} fit: epochs must be an integer >= 0 (got ${shown(epochs)})`, { label: "epochs" });
    const signal = options.signal;
    const train = normalizeData(network, data, trainingError);
    const validation = options.validationData === undefined ? undefined : normalizeData(network, options.validationData, prefixed("validationData"));
    // The network's own seed wins for the build, as in the simulator's `build`.
    const seed = network.seed ?? this.seed ?? 0;
    const report = progressReporter(options.progress, network.label ?? "training", epochs * Math.ceil(train.batchSize / this.minibatchSize));
    const model = await this.compile(network, seed);
    try {
      checkTrainable(network, model, Object.keys(train.targets), train.steps, options.onWarning ?? ((m: string) => console.warn(m)));
      const run = await this.runEpochs(model, train, validation, epochs, seed, options, report);
      const { history, kept, perEpoch, names } = run;
      let stopped = run.stopped;
      let parameters = stopped === undefined ? snapshot(model, names) : kept;
      let finalLoss = this.engineLoss(model, parameters, train);
      if (stopped === undefined && !Number.isFinite(finalLoss) && history.length > 0) {
        // the last optimiser step left the parameters non-finite (e.g. a huge learning rate): as
        // for a non-finite minibatch loss, keep the parameters before that step
        stopped = {
          reason: "nonFiniteLoss",
          epoch: history.length - 1,
          batch: perEpoch - 1,
          message: `the loss of the final parameters is ${finalLoss}; training stopped and the parameters before the last optimiser step were kept`,
        };
        parameters = kept;
        finalLoss = this.engineLoss(model, parameters, train);
      }
      const trained = freezeBatch(network, {
        parameters: withShapes(model, parameters),
        data: train,
        run: {
          trainer: this.name,
          engine: this.engineName,
          ...(model.backend === undefined ? {} : { backend: model.backend }),
          epochs: history.length,
          trainLoss: history.at(-1)?.loss ?? NaN,
          finalLoss,
          history,
          ...(stopped === undefined ? {} : { stopped }),
        },
        loss: this.loss,
        dt: this.dt,
        seed,
        ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
      });
      if (stopped !== undefined)
        throw earlyStopError(`${network}`, stopped, trained as TrainedSubnetwork, { signal, callback: run.threw, outputs: outputsLabel(train) });
      return trained;
    } finally {
      model.dispose();
    }
  }

  /**
   * The loss of a trained subnetwork (its frozen parameters) or of a network (its initial
   * parameters) on `data`, in inference mode (spiking neurons spike), computed by this trainer's
   * engine in minibatches (nengo_dl's `evaluate`). For a trained subnetwork it equals its
   * simulator loss.
   * @throws TrainingError for bad data.
   */
  async evaluate<const I extends PortDims, const O extends PortDims>(
    target: TrainedSubnetwork<I, O> | Network<I, O>,
    data: TrainingData<I, O>,
  ): Promise<number> {
    const { network, model } = await this.modelFor(target);
    try {
      const batch = normalizeData(network, data, trainingError);
      let total = 0;
      const idx = Int32Array.from({ length: batch.batchSize }, (_, i) => i);
      for (let from = 0; from < batch.batchSize; from += this.minibatchSize) {
        const to = Math.min(batch.batchSize, from + this.minibatchSize);
        total += model.evaluate(sliceBatch(batch, idx, from, to)) * (to - from);
      }
      return total / batch.batchSize;
    } finally {
      model.dispose();
    }
  }

  /**
   * The outputs of every output port for `inputs` (`[batch][steps][dims]` each), in inference
   * mode, computed by this trainer's engine (nengo_dl's `predict`). `trained.predict` runs the
   * simulator instead.
   * @throws TrainingError for bad inputs.
   */
  async predict<const I extends PortDims, const O extends PortDims>(
    target: TrainedSubnetwork<I, O> | Network<I, O>,
    inputs: PortInputs<I>,
  ): Promise<PortOutputs<O>> {
    const { network, model } = await this.modelFor(target);
    try {
      const data = normalizePorts(network, inputs, "inputs", trainingError, { requireAll: true });
      const outs = model.predict(data.arrays, data.batchSize, data.steps);
      const result: Record<string, { data: Float64Array; shape: readonly [number, number, number] }> = {};
      for (const p of network.outPorts) {
        const y = outs[p.name];
        if (y === undefined) throw new TrainingError(`${p}: the compiled model predicted nothing for this output port`, { label: p.toString() });
        result[p.name] = { data: y, shape: [data.batchSize, data.steps, p.dimensions] };
      }
      return result as PortOutputs<O>;
    } finally {
      model.dispose();
    }
  }

  /** The engine's loss (inference mode, in minibatches) of `parameters` on `data`: what the deployed loss must equal. */
  /**
   * The epochs of a fit: the minibatches in (shuffled) order, one optimiser step each, the
   * callbacks and the progress; stops at a non-finite loss, an abort or a callback that threw,
   * keeping the parameters that gave the last finite loss (or those at the abort or throw).
   */
  private async runEpochs(
    model: CompiledModel,
    train: BatchData,
    validation: BatchData | undefined,
    epochs: number,
    seed: number,
    options: GradientFitOptions,
    report: (done: number, note: string) => void,
  ): Promise<{
    history: EpochLogs[];
    kept: Map<string, Float64Array>;
    stopped: EarlyStop | undefined;
    threw: CallbackThrew | undefined;
    perEpoch: number;
    names: string[];
  }> {
    const signal = options.signal;
    const state = optimizerState(this.optimizer);
    const rng = new Rng(this.seed ?? seed);
    const n = train.batchSize;
    const perEpoch = Math.ceil(n / this.minibatchSize);
    const history: EpochLogs[] = [];
    const names = model.parameters.map((p) => p.name);
    // The parameters that gave the last finite loss: those before the latest optimiser step.
    let kept = snapshot(model, names);
    let lastYield = performance.now();
    let stopped: EarlyStop | undefined;
    let threw: CallbackThrew | undefined;
    const identity = Int32Array.from({ length: n }, (_, i) => i);
    epochLoop: for (let epoch = 0; epoch < epochs; epoch++) {
      const order = options.shuffle === false ? identity : rng.permutation(n);
      let sum = 0;
      let count = 0;
      for (let b = 0; b < perEpoch; b++) {
        if (performance.now() - lastYield > YIELD_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        if (signal?.aborted === true) {
          kept = snapshot(model, names);
          stopped = {
            reason: "aborted",
            epoch,
            batch: b,
            message: `training was aborted during epoch ${epoch} before minibatch ${b}; the parameters at that moment were kept`,
          };
          break epochLoop;
        }
        const from = b * this.minibatchSize;
        const to = Math.min(n, from + this.minibatchSize);
        const mb = perEpoch === 1 && options.shuffle === false ? train : sliceBatch(train, order, from, to);
        const before = snapshot(model, names);
        const loss = model.lossAndGradients(mb);
        if (!Number.isFinite(loss)) {
          stopped = {
            reason: "nonFiniteLoss",
            epoch,
            batch: b,
            message: `the loss became ${loss} in epoch ${epoch}, minibatch ${b}; training stopped and the parameters that gave the last finite loss (${lastLossWhere(epoch, b, perEpoch)}) were kept`,
          };
          break epochLoop;
        }
        kept = before;
        model.applyOptimizer(state);
        sum += loss * (to - from);
        count += to - from;
        report(epoch * perEpoch + b + 1, `loss ${loss.toPrecision(4)}`);
        threw = await userCallback(`onBatchEnd (epoch ${epoch}, batch ${b})`, () =>
          options.callbacks?.onBatchEnd?.(b, { batch: b, epoch, size: to - from, loss }),
        );
        if (threw !== undefined) {
          kept = snapshot(model, names);
          stopped = callbackStop(threw, epoch, b, "the parameters at that moment");
          break epochLoop;
        }
      }
      const logs: EpochLogs = validation === undefined ? { epoch, loss: sum / count } : { epoch, loss: sum / count, valLoss: model.evaluate(validation) };
      history.push(logs);
      threw = await userCallback(`onEpochEnd (epoch ${epoch})`, () => options.callbacks?.onEpochEnd?.(epoch, logs));
      if (threw !== undefined) {
        kept = snapshot(model, names);
        stopped = callbackStop(threw, epoch, perEpoch - 1, "the parameters at that moment");
        break;
      }
    }
    return { history, kept, stopped, threw, perEpoch, names };
  }

  private engineLoss(model: CompiledModel, parameters: ReadonlyMap<string, Float64Array>, data: BatchData): number {
    for (const [name, values] of parameters) model.setParameter(name, values);
    let total = 0;
    const idx = Int32Array.from({ length: data.batchSize }, (_, i) => i);
    for (let from = 0; from < data.batchSize; from += this.minibatchSize) {
      const to = Math.min(data.batchSize, from + this.minibatchSize);
      total += model.evaluate(from === 0 && to === data.batchSize ? data : sliceBatch(data, idx, from, to)) * (to - from);
    }
    return total / data.batchSize;
  }

  private async compile(network: Network, seed: number, dt = this.dt): Promise<CompiledModel> {
    const engine = await resolveEngine(this.engineSpec);
    return engine.compile(network, { dt, seed, loss: this.loss, ...this.compileExtras });
  }

  private async modelFor(target: TrainedSubnetwork | Network): Promise<{ network: Network; model: CompiledModel }> {
    if (target instanceof TrainedSubnetwork) {
      const interior = interiorOf(target);
      const model = await this.compile(interior.network, interior.seed, interior.dt);
      try {
        for (const [name, p] of interior.parameters) model.setParameter(name, p.values);
      } catch (e) {
        model.dispose();
        throw e;
      }
      return { network: interior.network, model };
    }
    return { network: target, model: await this.compile(target, target.seed ?? this.seed ?? 0) };
  }
}

/**
 * Reports minibatch progress to `option` when it is a callback.
 * @throws TrainingError for any other value but false (`true` included: the trainer draws no bar).
 */
function progressReporter(option: unknown, task: string, total: number): (done: number, note: string) => void {
  if (option === undefined || option === false) return () => {};
  if (typeof option !== "function") {
    throw new TrainingError(
      `fit: progress must be a callback (event) => void or false (got ${String(option)}); the trainer draws no bar itself: render the events (@plexus/cli's Progress.callback() draws bars)`,
      { label: "progress" },
    );
  }
  const report = option as ProgressCallback;
  return (done, note) => report({ task, unit: "minibatches", done, total, note });
}

/** Lets the event loop run (so that an abort can arrive): setImmediate where there is one (Node), else a macrotask. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

function prefixed(what: string) {
  return (message: string, label: string): Error => new TrainingError(`${what}: ${message}`, { label });
}

function snapshot(model: CompiledModel, names: readonly string[]): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const name of names) out.set(name, model.getParameter(name));
  return out;
}

function withShapes(model: CompiledModel, values: ReadonlyMap<string, Float64Array>): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  for (const p of model.parameters) {
    const v = values.get(p.name);
    if (v === undefined) throw new TrainingError(`no value kept for parameter '${p.name}'`, { label: p.name });
    out[p.name] = { shape: p.shape, values: v, trainable: p.trainable };
  }
  return out;
}

function lastLossWhere(epoch: number, batch: number, perEpoch: number): string {
  if (batch > 0) return `before minibatch ${batch - 1} of epoch ${epoch}'s step`;
  if (epoch > 0) return `before minibatch ${perEpoch - 1} of epoch ${epoch - 1}'s step`;
  return "the initial parameters";
}
