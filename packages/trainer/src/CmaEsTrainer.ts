import { type Network, type PortDims, parameterName, Rng, TrainingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { build } from "@plexus/simulator";
import { freezeBatch, type ParameterValue } from "./freeze.js";
import { type CallbackThrew, callbackStop, earlyStopError, outputsLabel, userCallback } from "./internal/earlyStop.js";
import type { FrozenParameter } from "./internal/interior.js";
import { CmaEs } from "./internal/nongradient/CmaEs.js";
import { buildSeed, checkDtSeed, evaluateOnSimulator, simulatorLoss, trainingError } from "./internal/nongradient/common.js";
import { normalizeData } from "./internal/normalizeData.js";
import { optionsArgument, shown } from "./internal/optionsArgument.js";
import { sealedCopy } from "./internal/sealedCopy.js";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { FitOptions, Trainer } from "./Trainer.js";
import type { TrainingData } from "./TrainingData.js";
import type { EarlyStop, EpochLogs } from "./TrainingReport.js";

/** Options of {@link CmaEsTrainer}. */
export interface CmaEsTrainerOptions {
  /**
   * Initial step size, relative to each parameter's scale (the RMS of its initial values, or
   * `scales[name]`, or 1 for a parameter that starts at all zeros). Default 0.3.
   */
  readonly sigma0?: number;
  /** λ, candidates per generation (>= 2). Default 4 + ⌊3 ln n⌋ for n optimised values (Hansen's). */
  readonly populationSize?: number;
  /** Generations at most. Default 50. */
  readonly maxGenerations?: number;
  /** Seed of the search (core's `Rng`) and of the build (a network's own seed wins). Default 0. */
  readonly seed?: number;
  /**
   * The parameters to optimise, by `parameterName` (`"Connection[0].weights"`, `"a.bias"`, ...;
   * encoders, gain, bias, weights). Default: the weights of every trainable connection that leaves
   * an input port or enters an output port (the port transforms and the output decoders).
   */
  readonly parameters?: readonly string[];
  /** Scale of a parameter's values (see `sigma0`), by name. */
  readonly scales?: Readonly<Record<string, number>>;
  /** Stop when the best losses of the last 10 generations and the current one all lie within this range. Default 1e-12. */
  readonly tolFun?: number;
  /** Time step (s). Default 0.001. */
  readonly dt?: number;
}

/** Options of {@link CmaEsTrainer.fit}. */
export interface CmaEsFitOptions extends FitOptions {
  /** Called after each generation with its best loss (as `logs.loss`). */
  readonly callbacks?: { readonly onEpochEnd?: (generation: number, logs: EpochLogs) => void | Promise<void> };
}

/** One optimised parameter: where its values sit in the search vector. */
interface Slot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly initial: Float64Array;
  readonly scale: number;
  readonly offset: number;
}

/**
 * Optimises named trainable parameters of a subnetwork against its deployed loss (the loss the
 * simulator gives through its ports on the training data), with a standard (μ/μ_w, λ)-CMA-ES:
 * for subnetworks without gradients (spiking neurons without a surrogate, non-differentiable
 * node functions, processes) or with few parameters. Every candidate is a full simulator run, so
 * keep the parameter set small (a port transform and a few decoders: tens to a few hundred
 * values) and the data short.
 *
 * Values are searched as `initial + scale · x` (x starts at 0, step size `sigma0`). The result is
 * the best candidate evaluated (the initial values and the final mean included), so the deployed
 * loss never exceeds the initial one; `report.trainLoss` is its loss, computed exactly as
 * `deployedLoss` (they are equal), and `report.history` holds each generation's best loss.
 *
 * @example
 * const trained = await new CmaEsTrainer({ parameters: ["Connection[0].weights"], maxGenerations: 30, seed: 1 }).fit(net, data);
 */
export class CmaEsTrainer implements Trainer<CmaEsFitOptions> {
  readonly name = "CmaEsTrainer";
  readonly sigma0: number;
  readonly populationSize: number | undefined;
  readonly maxGenerations: number;
  readonly seed: number | undefined;
  readonly parameters: readonly string[] | undefined;
  readonly scales: Readonly<Record<string, number>>;
  readonly tolFun: number;
  readonly dt: number;

  /** @throws TrainingError for an option out of range. */
  constructor(options: CmaEsTrainerOptions = {}) {
    optionsArgument(options, "CmaEsTrainer");
    this.sigma0 = options.sigma0 ?? 0.3;
    this.populationSize = options.populationSize;
    this.maxGenerations = options.maxGenerations ?? 50;
    this.seed = options.seed;
    this.parameters = options.parameters;
    this.scales = options.scales ?? {};
    this.tolFun = options.tolFun ?? 1e-12;
    this.dt = options.dt ?? 0.001;
    const where = "CmaEsTrainer";
    checkDtSeed(where, this.dt, this.seed);
    const fail = (attr: string, message: string): never => {
      throw new TrainingError(`${where}.${attr}: ${message}`, { label: where });
    };
    if (!(Number.isFinite(this.sigma0) && this.sigma0 > 0)) fail("sigma0", `must be a number > 0 (got ${shown(this.sigma0)})`);
    if (this.populationSize !== undefined && !(Number.isInteger(this.populationSize) && this.populationSize >= 2))
      fail("populationSize", `must be an integer >= 2 (got ${shown(this.populationSize)})`);
    if (!(Number.isInteger(this.maxGenerations) && this.maxGenerations >= 0))
      fail("maxGenerations", `must be an integer >= 0 (got ${shown(this.maxGenerations)})`);
    if (!(typeof this.tolFun === "number" && this.tolFun >= 0)) fail("tolFun", `must be >= 0 (got ${shown(this.tolFun)})`);
    for (const [name, s] of Object.entries(this.scales))
      if (!(Number.isFinite(s) && s > 0)) fail(`scales['${name}']`, `must be a number > 0 (got ${shown(s)})`);
  }

  /**
   * Searches the parameters for `maxGenerations` generations (or until the losses stall) and
   * returns the frozen subnetwork with the best values found; the network is not modified.
   * @throws TrainingError for bad data (unknown port, wrong shape, non-finite value), an unknown
   *   or frozen parameter name (or none to optimise), an aborted `signal` or an `onEpochEnd` that
   *   threw (`partialResult(error)` keeps the best values found so far).
   */
  async fit<const I extends PortDims, const O extends PortDims>(
    userNetwork: Network<I, O>,
    data: TrainingData<I, O>,
    options: CmaEsFitOptions = {},
  ): Promise<TrainedSubnetwork<I, O>> {
    optionsArgument(options, "CmaEsTrainer.fit");
    const network = sealedCopy(userNetwork);
    const batch = normalizeData(network, data, trainingError);
    const seed = buildSeed(network, this.seed);
    const slots = this.slots(network, seed);
    const n = slots.reduce((s, p) => s + p.initial.length, 0);
    const values = (x: Float64Array): Map<string, FrozenParameter> => {
      const out = new Map<string, FrozenParameter>();
      for (const p of slots) {
        const step = x.subarray(p.offset, p.offset + p.initial.length);
        const v = p.initial.map((v0, i) => v0 + p.scale * f64At(step, i));
        out.set(p.name, { shape: p.shape, values: v, trainable: true });
      }
      return out;
    };
    const loss = (x: Float64Array): number => {
      const l = simulatorLoss(network, values(x), batch, this.dt, seed);
      return Number.isFinite(l) ? l : Infinity;
    };

    const es = new CmaEs({
      x0: new Float64Array(n),
      sigma0: this.sigma0,
      rng: new Rng(seed),
      ...(this.populationSize === undefined ? {} : { populationSize: this.populationSize }),
    });
    let best: { x: Float64Array; loss: number } = { x: new Float64Array(n), loss: loss(new Float64Array(n)) };
    const history: EpochLogs[] = [];
    let stopped: EarlyStop | undefined;
    let threw: CallbackThrew | undefined;
    for (let g = 0; g < this.maxGenerations; g++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.signal?.aborted === true) {
        stopped = {
          reason: "aborted",
          epoch: g,
          batch: 0,
          message: `the search was aborted before generation ${g}; the best values found until then were kept`,
        };
        break;
      }
      const xs = es.ask();
      const losses = xs.map(loss);
      // the first of the generation's lowest losses
      const genBest = xs.reduce(
        (b, x, k) => {
          const l = losses[k] ?? Infinity;
          return l < b.loss ? { x, loss: l } : b;
        },
        { x: best.x, loss: Infinity },
      );
      if (genBest.loss < best.loss) best = genBest;
      es.tell(losses);
      const logs: EpochLogs = { epoch: g, loss: genBest.loss };
      history.push(logs);
      threw = await userCallback(`onEpochEnd (generation ${g})`, () => options.callbacks?.onEpochEnd?.(g, logs));
      if (threw !== undefined) {
        stopped = callbackStop(threw, g, 0, "the best values found until then");
        break;
      }
      if (this.stalled(history, losses)) break;
    }
    if (stopped === undefined && history.length > 0) {
      const mean = Float64Array.from(es.mean);
      const l = loss(mean);
      if (l < best.loss) best = { x: mean, loss: l };
    }

    const parameters: Record<string, ParameterValue> = {};
    for (const [name, p] of values(best.x)) parameters[name] = { shape: p.shape, values: p.values };
    const trained = freezeBatch(network, {
      parameters,
      data: batch,
      run: {
        trainer: this.name,
        engine: "CMA-ES on the simulator",
        epochs: history.length,
        trainLoss: best.loss,
        finalLoss: best.loss,
        history,
        ...(stopped === undefined ? {} : { stopped }),
      },
      dt: this.dt,
      seed,
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    });
    if (stopped !== undefined)
      throw earlyStopError(`${network}`, stopped, trained as TrainedSubnetwork, { signal: options.signal, callback: threw, outputs: outputsLabel(batch) });
    return trained;
  }

  /**
   * The simulator's loss of a trained subnetwork (its frozen parameters) or of a network (as
   * built) on `data`; for a trained subnetwork it equals `report.deployedLoss` on the same data.
   * @throws TrainingError for bad data.
   */
  async evaluate<const I extends PortDims, const O extends PortDims>(
    target: TrainedSubnetwork<I, O> | Network<I, O>,
    data: TrainingData<I, O>,
  ): Promise<number> {
    return evaluateOnSimulator(target as TrainedSubnetwork | Network, data, this.dt, this.seed);
  }

  /** Hansen's tolfun: the last 10 generations' best losses and this generation's losses all within `tolFun`. */
  private stalled(history: readonly EpochLogs[], losses: readonly number[]): boolean {
    if (history.length < 10) return false;
    const recent = [...history.slice(-10).map((h) => h.loss), ...losses];
    return Math.max(...recent) - Math.min(...recent) <= this.tolFun;
  }

  /** The optimised parameters with their built values, checked by name and trainability. */
  private slots(net: Network, seed: number): Slot[] {
    const plan = build(net, { dt: this.dt, seed });
    const known = new Map<string, { shape: readonly number[]; values: Float64Array; trainable: boolean }>();
    for (const e of net.all("ensemble")) {
      const b = plan.built.ensembles.get(e);
      if (b === undefined) continue; // Direct mode: no parameters
      const cfg = (e.owner ?? net).config;
      known.set(parameterName(e, "encoders", net), { shape: [b.nNeurons, b.dimensions], values: b.encoders, trainable: cfg.isTrainable(e) });
      known.set(parameterName(e, "gain", net), { shape: [b.nNeurons], values: b.gain, trainable: cfg.isTrainable(e.neurons) });
      known.set(parameterName(e, "bias", net), { shape: [b.nNeurons], values: b.bias, trainable: cfg.isTrainable(e.neurons) });
    }
    const portConnections: string[] = [];
    for (const c of net.all("connection")) {
      const b = plan.built.connections.get(c);
      if (b === undefined) throw new TrainingError(`${c}: the simulator's build left no weights for it`, { label: c.toString() });
      const name = parameterName(c, "weights", net);
      const trainable = (c.owner ?? net).config.isTrainable(c);
      known.set(name, { shape: b.weightsShape, values: b.weights, trainable });
      const atPort = (c.pre.kind === "inPort" && c.pre.network === net) || (c.post.kind === "outPort" && c.post.network === net);
      if (atPort && trainable) portConnections.push(name);
    }
    const names = this.parameters ?? portConnections;
    if (names.length === 0) {
      throw new TrainingError(
        `${net}: nothing to optimise: no trainable connection leaves an input port or enters an output port; name the parameters (CmaEsTrainer({ parameters }))`,
        { label: "parameters" },
      );
    }
    const slots: Slot[] = [];
    let offset = 0;
    for (const name of names) {
      const p = known.get(name);
      if (p === undefined) {
        throw new TrainingError(
          `${net}: parameter '${name}' names no encoders, gain, bias or weights of the network (parameterName of @plexus/core names them)`,
          { label: name },
        );
      }
      if (!p.trainable)
        throw new TrainingError(`${net}: parameter '${name}' is frozen (net.config.setTrainable(..., false)); leave it out or make it trainable`, {
          label: name,
        });
      if (slots.some((s) => s.name === name)) throw new TrainingError(`${net}: parameter '${name}' is named twice`, { label: name });
      let rms = 0;
      for (const v of p.values) rms += v * v;
      rms = Math.sqrt(rms / Math.max(1, p.values.length));
      const scale = this.scales[name] ?? (rms > 0 ? rms : 1);
      slots.push({ name, shape: p.shape, initial: Float64Array.from(p.values), scale, offset });
      offset += p.values.length;
    }
    for (const name of Object.keys(this.scales)) {
      if (!names.includes(name))
        throw new TrainingError(`CmaEsTrainer.scales: '${name}' is not one of the optimised parameters (${names.join(", ")})`, { label: name });
    }
    return slots;
  }
}
