import { LstsqL2, type Network, type OutPort, type PortDims, type Solver, TrainingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { build } from "@plexus/simulator";
import type { BatchData } from "./engine/CompiledModel.js";
import { freezeBatch, type ParameterValue } from "./freeze.js";
import {
  buildSeed,
  checkAborted,
  checkDtSeed,
  decodedPortConnections,
  evaluateOnSimulator,
  isEmptyData,
  type PortConnection,
  trainingError,
} from "./internal/nongradient/common.js";
import { evalPointSolve } from "./internal/nongradient/evalPointSolve.js";
import { recordActivities } from "./internal/nongradient/recordActivities.js";
import { normalizeData } from "./internal/normalizeData.js";
import { optionsArgument } from "./internal/optionsArgument.js";
import { portLoss } from "./internal/portLoss.js";
import { sealedCopy } from "./internal/sealedCopy.js";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { FitOptions, Trainer } from "./Trainer.js";
import type { TrainingData } from "./TrainingData.js";

/**
 * Where the least-squares problem comes from:
 * - `"data"`: the subnetwork's activities on the training data (the default when data is given);
 * - `"evalPoints"`: the pre ensembles' evaluation points and the connections' functions, as
 *   Nengo's build solves decoders (the default without data: `fit(net)`, or `{ inputs: {}, targets: {} }`).
 */
export type LeastSquaresMode = "data" | "evalPoints";

/** No data, for a solve on evaluation points: `fit(net)` says it shorter; `{ inputs: {}, targets: {} }` is accepted too. */
export interface NoData {
  readonly inputs: Readonly<Record<string, never>>;
  readonly targets: Readonly<Record<string, never>>;
}

/** Options of {@link LeastSquaresTrainer}. */
export interface LeastSquaresTrainerOptions {
  /** The decoder solver (any of core's: LstsqL2, LstsqL2nz, Lstsq, Nnls, ...). Default `new LstsqL2({ reg: 0.1 })` (Nengo's default). */
  readonly solver?: Solver;
  /** Default: `"data"` when the data has targets, `"evalPoints"` when it is `{ inputs: {}, targets: {} }`. */
  readonly mode?: LeastSquaresMode;
  /** Time step (s) of the simulation. Default 0.001. */
  readonly dt?: number;
  /** Seed of the build, for a network without its own seed (as the simulator's `build`). Default 0. */
  readonly seed?: number;
}

/**
 * Trains a subnetwork the NEF way, without gradients: the decoders of the trainable connections
 * from ensembles into its output ports (`net.config.setTrainable(conn, false)` leaves one as
 * built) are solved by least squares with one of core's solvers. Everything else keeps its
 * built value (the seed's encoders, gains, biases, other connections).
 *
 * **From data** (`mode: "data"`, the default with data): the network runs on the simulator over
 * the training data through its ports, and the solve fits, for each output port with a target,
 * `target − (what the other connections add)` from the activities that reach the port, each
 * step: the pre neurons' output filtered by each connection's own synapse, exactly as the
 * simulator delivers it. For rate neurons these are their filtered rates; for spiking neurons
 * their filtered spikes (not a rate approximation), so the fit is made on the very signal the
 * deployed subnetwork computes with. The solver's regularisation applies as in Nengo (LstsqL2:
 * σ = reg · max activity, over all the data's steps). Connections that feed the same output
 * dimensions are solved jointly. The reported `trainLoss` is the loss of that linear fit on the
 * data, which the simulator's `deployedLoss` reproduces (up to rounding).
 *
 * **From evaluation points** (`mode: "evalPoints"`, the default without data: `fit(net)`):
 * each connection's decoders are solved exactly as Nengo's build solves them (the pre ensemble's
 * rates at its eval points, or the connection's own, against `function(x)`), with this trainer's
 * solver; with the connection's own solver this gives the build's decoders. `trainLoss` is the
 * mean squared decoding error on the eval points (averaged over the connections' outputs), and
 * `deployedLoss` is NaN when no data was given (nothing to run through the ports).
 *
 * @example
 * const trained = await new LeastSquaresTrainer({ solver: new LstsqL2({ reg: 0.01 }) }).fit(channel, { inputs: { u }, targets: { y } });
 * trained.report.deployedLoss; // the simulator's loss of the frozen subnetwork on the data
 */
export class LeastSquaresTrainer implements Trainer {
  readonly name = "LeastSquaresTrainer";
  readonly solver: Solver;
  readonly mode: LeastSquaresMode | undefined;
  readonly dt: number;
  readonly seed: number | undefined;

  /** @throws TrainingError for a solver with `weights: true` (ports take decoded values), a bad mode, dt or seed. */
  constructor(options: LeastSquaresTrainerOptions = {}) {
    optionsArgument(options, "LeastSquaresTrainer");
    this.solver = options.solver ?? new LstsqL2({ reg: 0.1 });
    this.mode = options.mode;
    this.dt = options.dt ?? 0.001;
    this.seed = options.seed;
    const where = "LeastSquaresTrainer";
    checkDtSeed(where, this.dt, this.seed);
    if (this.solver.weights) {
      throw new TrainingError(
        `${where}.solver: ${this.solver.kind} with weights: true solves full weight matrices, but output ports take decoded values; use weights: false`,
        { label: where },
      );
    }
    if (this.mode !== undefined && this.mode !== "data" && this.mode !== "evalPoints") {
      throw new TrainingError(`${where}.mode: must be "data" or "evalPoints" (got ${JSON.stringify(this.mode)})`, { label: where });
    }
  }

  /**
   * Solves the decoders into the output ports and returns the frozen subnetwork; the network is
   * not modified. Without `data` (`fit(net)`) it solves on the eval points, as Nengo's build.
   * @throws TrainingError for bad data (unknown port, wrong shape, non-finite value), a network
   *   without trainable decoded connections into its output ports (into those with a target, in
   *   data mode), activities that are all zero on the data, a failing solve, or an aborted signal.
   */
  async fit<const I extends PortDims, const O extends PortDims>(
    userNetwork: Network<I, O>,
    data?: TrainingData<I, O> | NoData,
    options: FitOptions = {},
  ): Promise<TrainedSubnetwork<I, O>> {
    optionsArgument(options, "LeastSquaresTrainer.fit");
    const network = sealedCopy(userNetwork);
    const empty = data === undefined || isEmptyData(data);
    const mode = this.mode ?? (empty ? "evalPoints" : "data");
    if (mode === "data" && empty) {
      throw new TrainingError(`${network}: mode "data" needs training data; give { inputs, targets }, or use mode "evalPoints"`, { label: "data" });
    }
    const batch: BatchData = empty ? { inputs: {}, targets: {}, batchSize: 0, steps: 0 } : normalizeData(network, data, trainingError);
    const seed = buildSeed(network, this.seed);
    checkAborted(options.signal, network, "before the solve");
    await Promise.resolve();
    const solved = mode === "data" ? this.solveFromData(network, batch, seed) : this.solveFromEvalPoints(network, seed);
    checkAborted(options.signal, network, "after the solve");
    return freezeBatch(network, {
      parameters: solved.parameters,
      data: batch,
      // From data, the fit's loss is the loss of the final parameters on the data; on eval points there is none.
      run: {
        trainer: this.name,
        engine: `${this.solver.kind} on ${mode === "data" ? "data" : "eval points"}`,
        epochs: 1,
        trainLoss: solved.trainLoss,
        ...(mode === "data" ? { finalLoss: solved.trainLoss } : {}),
      },
      dt: this.dt,
      seed,
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    });
  }

  /**
   * The simulator's loss of a trained subnetwork (its frozen parameters) or of a network (as
   * built, with this trainer's dt and seed) on `data`, through its ports. For a trained
   * subnetwork it equals `report.deployedLoss` on the same data.
   * @throws TrainingError for bad data.
   */
  async evaluate<const I extends PortDims, const O extends PortDims>(
    target: TrainedSubnetwork<I, O> | Network<I, O>,
    data: TrainingData<I, O>,
  ): Promise<number> {
    return evaluateOnSimulator(target as TrainedSubnetwork | Network, data, this.dt, this.seed);
  }

  private solveFromEvalPoints(net: Network, seed: number): { parameters: Record<string, ParameterValue>; trainLoss: number } {
    const conns = decodedPortConnections(net);
    if (conns.length === 0) throw noConnections(net, undefined);
    const plan = build(net, { dt: this.dt, seed });
    const parameters: Record<string, ParameterValue> = {};
    let sum = 0;
    let count = 0;
    for (const pc of conns) {
      const params = plan.built.ensembles.get(pc.pre);
      const built = plan.built.connections.get(pc.connection);
      if (params === undefined || built === undefined)
        throw new TrainingError(`${pc.connection}: the simulator's build left no parameters for it`, { label: pc.name });
      const sol = evalPointSolve(net, pc.connection, pc.pre, params, built, this.solver, this.dt, seed);
      parameters[pc.name] = { shape: [sol.rows, pc.pre.nNeurons], values: sol.weights };
      for (const r of sol.rmses) {
        sum += r * r;
        count++;
      }
    }
    return { parameters, trainLoss: count === 0 ? NaN : sum / count };
  }

  private solveFromData(net: Network, data: BatchData, seed: number): { parameters: Record<string, ParameterValue>; trainLoss: number } {
    const targetPorts = new Set(Object.keys(data.targets));
    const conns = decodedPortConnections(net, targetPorts);
    if (conns.length === 0) throw noConnections(net, targetPorts);
    const zeros = new Map<string, Float64Array>();
    for (const pc of conns) zeros.set(pc.name, new Float64Array(pc.rows * pc.pre.nNeurons));
    const rec = recordActivities(
      net,
      conns.map((c) => c.connection),
      zeros,
      data,
      this.dt,
      seed,
    );
    const fits: Fit[] = conns.map((pc) => {
      const act = rec.activities.get(pc.connection);
      if (act === undefined) throw new TrainingError(`${pc.connection}: no activities were recorded for it`, { label: pc.name });
      return { pc, act, W: new Float64Array(pc.rows * pc.pre.nNeurons) };
    });
    const problem: DataProblem = { net, data, M: data.batchSize * data.steps, solver: this.solver };
    for (const port of net.outPorts) {
      const target = data.targets[port.name];
      if (target === undefined) continue;
      const baseline = baselineOf(rec.baseline, port.name);
      for (const group of outputGroups(port, fits)) solveGroup(problem, group, port, target, baseline);
    }
    const parameters: Record<string, ParameterValue> = {};
    for (const { pc, W } of fits) parameters[pc.name] = { shape: [pc.rows, pc.pre.nNeurons], values: W };
    return { parameters, trainLoss: portLoss(predictFits(fits, rec.baseline, problem.M), data.targets) };
  }
}

/** A connection fitted on data: its recorded activities (`M × nNeurons`) and its solved weights (`rows × nNeurons`). */
interface Fit {
  readonly pc: PortConnection;
  readonly act: Float64Array;
  readonly W: Float64Array;
}

/** Output dimensions of a port fed by the same set of connections: solved together. */
interface OutputGroup {
  readonly fits: readonly Fit[];
  readonly dims: number[];
}

interface DataProblem {
  readonly net: Network;
  readonly data: BatchData;
  /** Rows of the problem: examples × steps. */
  readonly M: number;
  readonly solver: Solver;
}

function baselineOf(baseline: Readonly<Record<string, Float64Array>>, port: string): Float64Array {
  const b = baseline[port];
  if (b === undefined) throw new TrainingError(`out.${port}: no baseline was recorded for the port`, { label: `out.${port}` });
  return b;
}

/** The port's dimensions grouped by the connections that feed them. */
function outputGroups(port: OutPort, fits: readonly Fit[]): OutputGroup[] {
  const into = fits.filter((f) => f.pc.port === port);
  const groups = new Map<string, OutputGroup>();
  for (let p = 0; p < port.dimensions; p++) {
    const feeding = into.filter(({ pc }) => {
      let hits = 0;
      for (const q of pc.portDims) if (q === p) hits++;
      if (hits > 1)
        throw new TrainingError(`${pc.connection}.postSlice: feeds ${port} dimension ${p} more than once; least squares needs one row per output dimension`, {
          label: pc.name,
        });
      return hits === 1;
    });
    if (feeding.length === 0) continue;
    const key = feeding.map((f) => fits.indexOf(f)).join(",");
    const g = groups.get(key) ?? { fits: feeding, dims: [] };
    g.dims.push(p);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Solves one group's weights from the activities (side by side) and the targets less the baseline. */
function solveGroup(problem: DataProblem, g: OutputGroup, port: OutPort, target: Float64Array, baseline: Float64Array): void {
  const { net, data, M, solver } = problem;
  const d = port.dimensions;
  const N = g.fits.reduce((s, f) => s + f.pc.pre.nNeurons, 0);
  const A = new Float64Array(M * N);
  let offset = 0;
  for (const { pc, act } of g.fits) {
    const n = pc.pre.nNeurons;
    if (act.every((v) => v === 0)) {
      throw new TrainingError(
        `${pc.connection}: the activities that reach ${port} through it are all zero on the data, so there is nothing to solve from${
          pc.connection.synapse !== null && data.steps === 1
            ? " (each example has one step, and the connection's synapse delays by one step: give longer examples or synapse: null)"
            : " (check the inputs and the pre ensemble's intercepts)"
        }`,
        { label: `out.${port.name}` },
      );
    }
    for (let k = 0; k < M; k++) A.set(act.subarray(k * n, (k + 1) * n), k * N + offset);
    offset += n;
  }
  const dims = g.dims.length;
  const Y = new Float64Array(M * dims);
  for (let k = 0; k < M; k++) for (const [q, dim] of g.dims.entries()) Y[k * dims + q] = f64At(target, k * d + dim) - f64At(baseline, k * d + dim);
  let X: Float64Array;
  try {
    X = solver.solve(A, Y, M, N, dims).decoders;
  } catch (cause) {
    throw new TrainingError(
      `${net}: the solver ${solver.kind} failed on the activities that reach ${port}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        label: `out.${port.name}`,
        cause,
      },
    );
  }
  if (X.length !== N * dims) {
    throw new TrainingError(`${net}: the solver ${solver.kind} returned ${X.length} values for ${N}×${dims} decoders of ${port}`, {
      label: `out.${port.name}`,
    });
  }
  offset = 0;
  for (const { pc, W } of g.fits) {
    const n = pc.pre.nNeurons;
    for (const [q, dim] of g.dims.entries()) {
      const row = pc.portDims.indexOf(dim);
      for (let j = 0; j < n; j++) W[row * n + j] = f64At(X, (offset + j) * dims + q);
    }
    offset += n;
  }
}

/** What the fit predicts: the baseline plus each connection's weights times its recorded activities. */
function predictFits(fits: readonly Fit[], baseline: Readonly<Record<string, Float64Array>>, M: number): Record<string, Float64Array> {
  const predicted: Record<string, Float64Array> = {};
  for (const [name, b] of Object.entries(baseline)) predicted[name] = Float64Array.from(b);
  for (const { pc, W, act } of fits) {
    const y = predicted[pc.port.name];
    if (y === undefined) throw new TrainingError(`out.${pc.port.name}: no baseline was recorded for the port`, { label: `out.${pc.port.name}` });
    const d = pc.port.dimensions;
    const n = pc.pre.nNeurons;
    for (let k = 0; k < M; k++) {
      for (const [r, dim] of pc.portDims.entries()) {
        let s = 0;
        for (let j = 0; j < n; j++) s += f64At(W, r * n + j) * f64At(act, k * n + j);
        y[k * d + dim] = f64At(y, k * d + dim) + s;
      }
    }
  }
  return predicted;
}

function noConnections(net: Network, ports: ReadonlySet<string> | undefined): TrainingError {
  const which = ports === undefined ? "its output ports" : `the output ports with a target (${[...ports].join(", ")})`;
  return new TrainingError(
    `${net}: has no trainable connection from an ensemble (with neurons) into ${which}; least squares solves the decoders of such connections (check net.config.setTrainable)`,
    { label: ports === undefined ? "outputs" : [...ports].map((p) => `out.${p}`).join(",") },
  );
}
