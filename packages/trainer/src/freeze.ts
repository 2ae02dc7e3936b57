import { type Network, type PortDims, parameterName, TrainingError } from "@plexus/core";
import { networkArgument } from "@plexus/core/runtime";
import type { BatchData, LossFunction, LossSpec } from "./engine/CompiledModel.js";
import { type FrozenParameter, type Interior, sealToken } from "./internal/interior.js";
import { normalizeData } from "./internal/normalizeData.js";
import { shown } from "./internal/optionsArgument.js";
import { portLoss } from "./internal/portLoss.js";
import { runFrozen } from "./internal/runFrozen.js";
import { sealedCopy } from "./internal/sealedCopy.js";
import { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { TrainingData } from "./TrainingData.js";
import type { EarlyStop, EpochLogs, TrainingReport } from "./TrainingReport.js";

/** How closely a trainer's own loss of its final parameters must match the deployed loss (relative). */
export const LOSS_AGREEMENT = 1e-4;

function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

/** Whether the trainer's final loss equals the deployed loss to {@link LOSS_AGREEMENT}; null when there is nothing to compare. */
function lossesAgree(finalLoss: number | undefined, deployedLoss: number): boolean | null {
  if (finalLoss === undefined || Number.isNaN(finalLoss) || Number.isNaN(deployedLoss)) return null;
  return relativeDifference(finalLoss, deployedLoss) <= LOSS_AGREEMENT;
}

/** A parameter as a trainer hands it to {@link freeze}. */
export interface ParameterValue {
  /** Row-major shape (the simulator's: encoders `[nNeurons, dimensions]`, weights as the engine's `ParameterInfo`). */
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
  /** Whether training could change it. Default true. */
  readonly trainable?: boolean;
}

/** What a trainer reports about its run; {@link freeze} adds the deployed loss. */
export interface TrainerRun {
  /** The trainer's name, e.g. `"LeastSquaresTrainer"`. */
  readonly trainer: string;
  /** The engine; default the trainer's name. */
  readonly engine?: string;
  /** The engine's backend that ran, where it has several (tfjs: `"tensorflow"`, `"wasm"`, `"cpu"`). */
  readonly backend?: string;
  /** The loss function's name for the report. Default: the name of `FreezeOptions.loss`. */
  readonly loss?: string;
  /** Epochs completed (1 for a one-shot solve). */
  readonly epochs: number;
  /** The loss the trainer saw (for epoch-based trainers: the running average over the last epoch). */
  readonly trainLoss: number;
  /**
   * The trainer's own loss of the final parameters on the training data (a gradient trainer's
   * engine in inference mode, a solve's fit): it must equal the deployed loss to 1e-4 relative,
   * which `freeze` checks (`report.lossesAgree`) and warns about when it does not hold. Omit it
   * when the trainer computes none.
   */
  readonly finalLoss?: number;
  /** One entry per epoch. Default: one entry `{ epoch: 0, loss: trainLoss }` when `epochs` is 1, else none. */
  readonly history?: readonly EpochLogs[];
  readonly stopped?: EarlyStop;
}

/** Options of {@link freeze}. */
export interface FreezeOptions<I extends PortDims, O extends PortDims> {
  /** The trained parameter set, by `parameterName` (never by position). */
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** The data the deployed loss is measured on (the training data). */
  readonly data: TrainingData<I, O>;
  readonly run: TrainerRun;
  /** The loss the deployed loss is measured with (as the engines compute it). Default `"mse"`. */
  readonly loss?: LossSpec | LossFunction;
  /** Time step (s) of the deployed simulation. Default 0.001. */
  readonly dt?: number;
  /** Seed of the deployed build, for a network without its own seed (as the simulator's `build`). Default 0. */
  readonly seed?: number;
  /** Receives the warning when `run.finalLoss` and the deployed loss differ by more than 1e-4 relative. Default `console.warn`. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Turns a trained parameter set into a sealed {@link TrainedSubnetwork} with its report: the
 * shared last step of every trainer. It runs the frozen subnetwork (the network with the
 * parameters overridden by name) on `@plexus/simulator` through its ports on `data`, reports that
 * loss as `deployedLoss`, and checks what must hold: the trainer's own loss of the final
 * parameters (`run.finalLoss`) equals it to 1e-4 relative (`report.lossesAgree`; a warning with
 * both numbers when not). `run.trainLoss` (a running average while parameters moved) is reported,
 * not compared.
 * The network is not modified, and the subnetwork keeps a private copy of it (its structure,
 * labels, seed and `trainable` flags as they are now): nothing done to the network afterwards
 * changes what the subnetwork computes, reports or saves.
 * @throws TrainingError for an unknown parameter name or a shape that does not match its values,
 *   or bad data (as `fit`).
 */
export function freeze<const I extends PortDims, const O extends PortDims>(network: Network<I, O>, options: FreezeOptions<I, O>): TrainedSubnetwork<I, O> {
  networkArgument(network, "freeze", "network");
  checkFreezeOptions(options);
  const data = normalizeData(network, options.data, (message, label) => new TrainingError(message, { label }));
  return freezeBatch(sealedCopy(network), { ...options, data });
}

/**
 * {@link freeze} on data already checked and flattened; with `batchSize` 0 the deployed loss is NaN
 * (the plan is still built). `network` must be the trainer's private copy (`sealedCopy`): the
 * subnetwork keeps it.
 */
export function freezeBatch<I extends PortDims, O extends PortDims>(
  network: Network<I, O>,
  options: Omit<FreezeOptions<I, O>, "data"> & { readonly data: BatchData },
): TrainedSubnetwork<I, O> {
  const known = new Set<string>();
  for (const e of network.all("ensemble")) for (const p of ["encoders", "bias", "gain"] as const) known.add(parameterName(e, p, network));
  for (const c of network.all("connection")) known.add(parameterName(c, "weights", network));
  const parameters = new Map<string, FrozenParameter>();
  for (const [name, p] of Object.entries(options.parameters)) {
    if (!known.has(name)) {
      throw new TrainingError(
        `${network}: parameter '${name}' names no encoders, bias, gain or weights of the network (parameterName of @plexus/core names them)`,
        { label: name },
      );
    }
    const size = p.shape.reduce((a, b) => a * b, 1);
    if (size !== p.values.length || !p.shape.every((s) => Number.isInteger(s) && s >= 0)) {
      throw new TrainingError(`${network}: parameter '${name}' has shape [${p.shape.join(", ")}] but ${p.values.length} values`, { label: name });
    }
    parameters.set(name, { shape: Object.freeze([...p.shape]), values: Float64Array.from(p.values), trainable: p.trainable ?? true });
  }
  const interior: Interior = { network, parameters, dt: options.dt ?? 0.001, seed: network.seed ?? options.seed ?? 0 };
  const { data } = options;
  const outputs = runFrozen(interior, data.inputs, data.batchSize, data.steps);
  // No examples (a trainer that had no data, e.g. least squares on eval points): nothing was run through the ports.
  const loss = options.loss ?? "mse";
  const deployedLoss = data.batchSize === 0 ? NaN : portLoss(outputs, data.targets, loss, data.batchSize, data.steps);
  const run = options.run;
  const report: TrainingReport = {
    trainer: run.trainer,
    engine: run.engine ?? run.trainer,
    ...(run.backend === undefined ? {} : { backend: run.backend }),
    loss: run.loss ?? (loss === "mse" ? "mse" : loss.name),
    epochs: run.epochs,
    trainLoss: run.trainLoss,
    deployedLoss,
    finalLoss: run.finalLoss ?? NaN,
    lossesAgree: lossesAgree(run.finalLoss, deployedLoss),
    history: run.history ?? (run.epochs === 1 ? [{ epoch: 0, loss: run.trainLoss }] : []),
    dt: interior.dt,
    seed: interior.seed,
    ...(run.stopped === undefined ? {} : { stopped: run.stopped }),
  };
  if (report.lossesAgree === false) {
    const warn = options.onWarning ?? ((m: string) => console.warn(m));
    warn(
      `${network}: ${run.trainer}${run.engine === undefined ? "" : ` (${run.engine})`} computes loss ${report.finalLoss.toPrecision(10)} for the final parameters on the training data, but the frozen subnetwork run by the simulator through its ports has loss ${deployedLoss.toPrecision(10)} on the same data (relative difference ${relativeDifference(report.finalLoss, deployedLoss).toPrecision(3)}, more than ${LOSS_AGREEMENT}): the trainer and the simulator do not compute the same network; trust deployedLoss`,
    );
  }
  return new TrainedSubnetwork<I, O>(sealToken, interior, report);
}

/** The options of {@link freeze}, checked to be an object whose `parameters` are `{ shape, values }` records. */
function checkFreezeOptions(options: unknown): void {
  const fail = (message: string): never => {
    throw new TrainingError(`freeze.${message}`, { label: "freeze" });
  };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail(`options: must be an options object with the parameters and data, e.g. { parameters: {}, data: { inputs, targets } } (got ${shown(options)})`);
  }
  const parameters: unknown = (options as { parameters?: unknown }).parameters;
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
    fail(`parameters: must be an object of { shape, values } by parameter name, e.g. {} for the built values (got ${shown(parameters)})`);
  }
  for (const [name, p] of Object.entries(parameters as object)) {
    const shape: unknown = typeof p === "object" && p !== null ? (p as { shape?: unknown }).shape : undefined;
    const values: unknown = typeof p === "object" && p !== null ? (p as { values?: unknown }).values : undefined;
    if (!Array.isArray(shape) || typeof values !== "object" || values === null || typeof (values as { length?: unknown }).length !== "number") {
      fail(`parameters['${name}']: must be { shape: number[], values: number[] or Float64Array } (got ${shown(p)})`);
    }
  }
}
