// Two subnetworks trained apart by different trainers, run together in a mutual loop through
// their ports: a limit-cycle oscillator that neither has alone.
//
// - The oscillator (2-D, LIFRate neurons) is trained by least squares (LeastSquaresTrainer, the
//   NEF way, on data): its output port f decodes f(x) = x + τω·(−x₁, x₀), the recurrent function
//   that makes x rotate at ω when f is fed back through its input synapse τ. The recurrence runs
//   through its ports (out.f → in.fb), so the decoders the trainer solved are its recurrent weights.
// - The governor (LIFRate neurons) is trained by gradient descent (GradientTrainer) to compute
//   c(x) = (1 − |x|²)·x, the amplitude correction of a Hopf oscillator.
// - Coupled: x → governor → c → (2 steps of wire delay, transform τλ) → oscillator.in.u. The loop
//   is ẋ ≈ ωRx + λ(1 − |x|²)x, a Hopf normal form, whose amplitude converges to 1 at frequency ω.
// - The ideal: the same two networks in Nengo's Direct mode (the ensembles compute f and c
//   exactly), coupled by the same wiring, with the same delays and kick.
//
//   npx tsx --conditions=@plexus/source examples/coupled-loop/main.ts [--seconds 10] [--seed 0] [--quick] [--bundles DIR] [--json]
//     [--snapshot-every STEPS --snapshot-file FILE] [--resume FILE]
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CouplingError, Direct, LIFRate, LstsqL2, Network, type NeuronType, parameterName, Rng, SnapshotError } from "@plexus/core";
import { type CouplingResult, couple, RunInterruptedError, type RunOptions, snapshotInfo } from "@plexus/coupler";
import { build, Simulator } from "@plexus/simulator";
import { adam, type DataArray, GradientTrainer, LeastSquaresTrainer, type TrainedSubnetwork } from "@plexus/trainer";
import { load, save } from "@plexus/trainer/node";
import { exampleArgs } from "../internal/exampleArgs.js";

/** Time step of both subnetworks and of the coupled system (s). */
export const DT = 0.001;
/** Synapse of the oscillator's inputs (s): the recurrent time constant. */
export const TAU = 0.05;
/** Frequency of the oscillation (Hz). */
export const FREQUENCY_HZ = 1;
/** Rate (1/s) at which the governor pulls the amplitude to 1. */
export const LAMBDA = 4;
/** Delay of the wire carrying the governor's correction back to the oscillator (base steps). */
export const FEEDBACK_DELAY_STEPS = 2;
/** The kick that starts the oscillation: `KICK` on u₀ for the first `KICK_SECONDS`. */
export const KICK = 0.3;
export const KICK_SECONDS = 0.05;
/** The regularisation of the oscillator's least-squares solve (LstsqL2; Nengo's default is 0.1, for spiking neurons). */
export const OSCILLATOR_REG = 0.01;

const OMEGA = 2 * Math.PI * FREQUENCY_HZ;

export type OscillatorNet = Network<{ fb: 2; u: 2 }, { f: 2; x: 2 }>;
export type GovernorNet = Network<{ x: 2 }, { c: 2 }>;
export type TrainedOscillator = TrainedSubnetwork<{ fb: 2; u: 2 }, { f: 2; x: 2 }>;
export type TrainedGovernor = TrainedSubnetwork<{ x: 2 }, { c: 2 }>;

export interface CoupledLoopOptions {
  /** Simulated time of the coupled loop (s). Default 10 (4 with `quick`). */
  readonly seconds?: number;
  /** Seed of every draw (networks, data, trainers, system). Default 0. */
  readonly seed?: number;
  /** Reduced sizes for tests and `plexus demo --quick`: fewer neurons, examples and epochs. Default false. */
  readonly quick?: boolean;
  /** Folder for the two bundles (`oscillator.plexus`, `governor.plexus`), created if missing. Default: a new temporary folder, removed once the bundles are checked. */
  readonly bundleDir?: string;
  /** Spacing of the plotted signals (s), a multiple of DT. Default 0.01. */
  readonly plotStep?: number;
  /** Called as each stage starts and ends (for progress bars). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Receives the trainers' warnings (reported and deployed losses more than 2× apart). Default: kept in `trainerWarnings` only. */
  readonly onWarning?: (message: string) => void;
  /**
   * Run the coupled loop's governor on a NATS worker: the one at `url` (started with
   * `plexus worker --nats URL`), or without a URL on a nats-server and a worker process that Plexus
   * starts and stops. (The oscillator stays in this process: its kick is a JS function.) Default: in-process.
   */
  readonly nats?: { readonly url?: string };
  /** Snapshot the coupled run every this many base steps (1 ms each), handing each snapshot to `onSnapshot`. Default: none. */
  readonly snapshotEvery?: number;
  /** Receives each snapshot of the coupled run (bytes to save) and its base step; the run waits for a promise it returns. */
  readonly onSnapshot?: (snapshot: Uint8Array, step: number) => void | Promise<void>;
  /**
   * Resume the coupled run from a snapshot of it (bytes `onSnapshot` received, from a run with the
   * same seed and sizes, with any placement): the training runs again (its results are the same
   * bits), the coupled run goes on from the snapshot's step, and its results equal the
   * uninterrupted run's bit for bit.
   */
  readonly resumeFrom?: Uint8Array;
  /**
   * Stops the coupled run on request: once aborted, it runs to its next snapshot (it needs
   * `snapshotEvery`), hands it to `onSnapshot` and rejects with a RunInterruptedError holding it.
   */
  readonly signal?: AbortSignal;
}

export interface ProgressEvent {
  readonly stage: "train oscillator" | "train governor" | "run coupled" | "run composed" | "run reference" | "run without governor" | "bundles";
  readonly state: "start" | "done";
  /** Epoch progress of the gradient trainer: `done` of `total` (else absent). */
  readonly done?: number;
  readonly total?: number;
}

/** One trained subnetwork of the loop. */
export interface LoopSubnetwork {
  /** "oscillator" or "governor": its key in the coupled system. */
  readonly name: string;
  readonly role: string;
  /** e.g. "2-D, 300 LIFRate → f (2), x (2)". */
  readonly network: string;
  /** The trainer's class name. */
  readonly trainer: string;
  /** The engine the trainer reported (e.g. "typed", "LstsqL2 on data"). */
  readonly engine: string;
  readonly epochs: number;
  /** The loss the trainer reported (MSE). */
  readonly trainLoss: number;
  /** The MSE of the frozen subnetwork run by the simulator through its ports on the training data. */
  readonly deployedLoss: number;
  /** Wall time of training (s). */
  readonly trainSeconds: number;
  /** Latency in steps from each input port to each output port. */
  readonly latencies: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Absolute path of its saved bundle, or null when it was saved to a temporary folder (no `bundleDir`), removed after the checks. */
  readonly bundle: string | null;
  /** Its size in bytes. */
  readonly bundleBytes: number;
  /** "identical" when the reloaded bundle predicts the training inputs bit for bit as the trained subnetwork. */
  readonly reloadCheck: "identical" | "differs";
}

/** A loop of the coupled system and its delay. */
export interface LoopDelay {
  /** e.g. "osc.x -> gov.x -> gov.c -> osc.u". */
  readonly path: string;
  /** Total delay in base steps: wire delays plus the latencies inside the subnetworks it passes. */
  readonly delaySteps: number;
  /** How it adds up, e.g. "osc u→x 1 + wire 0 + gov x→c 0 + wire 2". */
  readonly sum: string;
}

export interface ErrorMeasure {
  /** What is compared with what. */
  readonly compared: string;
  readonly rmse: number;
  /** RMS of the ideal signal, to put `rmse` in scale. */
  readonly idealRms: number;
}

/** Signals at common times (every `values` has the length of `t`). */
export interface TimeSeries {
  readonly t: readonly number[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

export interface CoupledLoopResult {
  /** What is coupled and what a person should see. */
  readonly description: string;
  readonly seconds: number;
  readonly dt: number;
  readonly seed: number;
  readonly quick: boolean;
  readonly subnetworks: readonly [LoopSubnetwork, LoopSubnetwork];
  readonly loops: readonly LoopDelay[];
  /** The oscillator's amplitude |x| against the ideal's (its Direct-mode reference), over the whole run: the main error. */
  readonly error: ErrorMeasure;
  /** The state x against the ideal's, phase included (a frequency error accumulates here). */
  readonly stateError: ErrorMeasure;
  /** The frequency of x after the first second (slope of its unwrapped phase), the reference's, and the nominal one (the ideal). */
  readonly frequency: { readonly idealHz: number; readonly referenceHz: number; readonly measuredHz: number };
  readonly amplitude: {
    /** The limit cycle's amplitude. */
    readonly ideal: number;
    /** Mean and standard deviation of |x| over the last second, and the reference's mean. */
    readonly finalMean: number;
    readonly finalStd: number;
    readonly referenceFinalMean: number;
    /** |x| after the kick (at 0.1 s). */
    readonly start: number;
    /** |x| after the kick and at the end of the run without the governor (the oscillator alone; ideally it keeps its amplitude). */
    readonly withoutGovernorStart: number;
    readonly withoutGovernorEnd: number;
  };
  /** Whether the coupled run equals `compose()` run as one network on the simulator, bit for bit. */
  readonly coupledEqualsComposed: boolean;
  /** Whether the loop rebuilt from the reloaded bundles gives the same signals, bit for bit. */
  readonly reloadedLoopIdentical: boolean;
  /** Where the coupled run's subsystems ran, when not all in this thread (e.g. "gov on a NATS worker (nats://127.0.0.1:4222)"). */
  readonly placement?: string;
  /** The base step the coupled run was resumed from (with `resumeFrom`). */
  readonly resumedFromStep?: number;
  /** The base steps of the snapshots taken (with `snapshotEvery`). */
  readonly snapshotSteps?: readonly number[];
  readonly timings: {
    readonly trainOscillatorSeconds: number;
    readonly trainGovernorSeconds: number;
    /** Wall time of the coupled run (building the simulators included). */
    readonly coupledSeconds: number;
    /** Base steps per second of the coupled run (excluding build). */
    readonly coupledStepsPerSecond: number;
    readonly composedSeconds: number;
    /** Wall time of the whole call. */
    readonly totalSeconds: number;
  };
  /** Downsampled every `plotStep`: x0, x1, ideal x0, ideal x1 (the Direct-mode reference), |x|, ideal |x|, |x| without governor, c0, c1. */
  readonly signals: TimeSeries;
  readonly trainerWarnings: readonly string[];
}

/**
 * The oscillator: fb and u (2-D each) through the synapse τ into 2-D LIFRate neurons, decoded to f
 * and x (decoders to be trained). `direct: true` gives its Direct-mode reference: the ensemble
 * computes exactly, and the connections compute f and x themselves.
 */
export function oscillatorNetwork(nNeurons: number, seed: number, options: { readonly direct?: boolean } = {}): { net: OscillatorNet; f: string; x: string } {
  const direct = options.direct ?? false;
  const net = new Network({ label: direct ? "oscillator (Direct)" : "oscillator", seed, inputs: { fb: 2, u: 2 }, outputs: { f: 2, x: 2 } });
  const neuronType: NeuronType = direct ? new Direct() : new LIFRate();
  const ens = net.ensemble({ nNeurons, dimensions: 2, radius: 1.3, neuronType, label: "state" });
  net.connect(net.in.fb, ens, { synapse: TAU });
  net.connect(net.in.u, ens, { synapse: TAU });
  const f = direct
    ? net.connect(ens, net.out.f, { synapse: null, label: "f", function: ([v0 = 0, v1 = 0]: Float64Array) => rotation(v0, v1) })
    : net.connect(ens, net.out.f, { synapse: null, label: "f" });
  const x = net.connect(ens, net.out.x, { synapse: null, label: "x" });
  return { net, f: parameterName(f, "weights", net), x: parameterName(x, "weights", net) };
}

/**
 * The governor: x (2-D) into 2-D LIFRate neurons, decoded to c; every parameter trainable
 * (encoders, gains, biases, decoders, the port's transform), decoders starting at the identity's.
 * The rates are scaled by `amplitude: 0.01` (as nengo_dl advises), so that decoders are of the
 * order of encoders and one learning rate suits all.
 */
export function governorNetwork(nNeurons: number, seed: number, options: { readonly direct?: boolean } = {}): GovernorNet {
  const direct = options.direct ?? false;
  const net = new Network({ label: direct ? "governor (Direct)" : "governor", seed, inputs: { x: 2 }, outputs: { c: 2 } });
  const neuronType: NeuronType = direct ? new Direct() : new LIFRate({ amplitude: 0.01 });
  const ens = net.ensemble({ nNeurons, dimensions: 2, radius: 1.4, neuronType, label: "state" });
  net.connect(net.in.x, ens, { synapse: null });
  if (direct) net.connect(ens, net.out.c, { synapse: null, function: ([v0 = 0, v1 = 0]: Float64Array) => correction(v0, v1) });
  else net.connect(ens, net.out.c, { synapse: null });
  return net;
}

const A = Math.exp(-DT / TAU);
const COS = Math.cos(OMEGA * DT);
const SIN = Math.sin(OMEGA * DT);

/**
 * The recurrent function f(x) = (R(ω·dt)·x − a·x) / (1 − a), a = e^(−dt/τ): fed back through the
 * synapse, whose step is s ← a·s + (1 − a)·f(s), it turns the state by exactly ω·dt per step
 * (Nengo's recurrent mapping, discretised for the synapse; ≈ x + τω·(−x₁, x₀)).
 */
export function rotation(x0: number, x1: number): [number, number] {
  return [(COS * x0 - SIN * x1 - A * x0) / (1 - A), (SIN * x0 + COS * x1 - A * x1) / (1 - A)];
}

/** The governor's target: (1 − |x|²)·x. */
export function correction(x0: number, x1: number): [number, number] {
  const g = 1 - (x0 * x0 + x1 * x1);
  return [g * x0, g * x1];
}

/**
 * The oscillator's training data: each example holds fb at a point of the disk of radius 1.25
 * (u = 0), so the state rises along the ray to it through the synapse; targets are the state
 * (x) and f(state), with the state the simulator's Lowpass(τ) of fb (one step late, as the
 * synapse delivers it).
 */
export function oscillatorData(examples: number, steps: number, rng: Rng) {
  const fb = new Float64Array(examples * steps * 2);
  const x = new Float64Array(fb.length);
  const f = new Float64Array(fb.length);
  for (let e = 0; e < examples; e++) {
    const r = 1.25 * Math.sqrt(rng.random());
    const phi = 2 * Math.PI * rng.random();
    const v = [r * Math.cos(phi), r * Math.sin(phi)] as const;
    let s0 = 0;
    let s1 = 0;
    for (let k = 0; k < steps; k++) {
      const i = (e * steps + k) * 2;
      fb[i] = v[0];
      fb[i + 1] = v[1];
      x[i] = s0;
      x[i + 1] = s1;
      const [f0, f1] = rotation(s0, s1);
      f[i] = f0;
      f[i + 1] = f1;
      s0 = A * s0 + (1 - A) * v[0];
      s1 = A * s1 + (1 - A) * v[1];
    }
  }
  const shape = [examples, steps, 2] as const;
  const arr = (data: Float64Array): DataArray => ({ data, shape });
  return { inputs: { fb: arr(fb), u: arr(new Float64Array(fb.length)) }, targets: { f: arr(f), x: arr(x) } };
}

/** The governor's training data: single-step examples of x uniform in the disk of radius 1.3, targets (1 − |x|²)·x. */
export function governorData(examples: number, rng: Rng) {
  const x = new Float64Array(examples * 2);
  const c = new Float64Array(examples * 2);
  for (let e = 0; e < examples; e++) {
    const r = 1.3 * Math.sqrt(rng.random());
    const phi = 2 * Math.PI * rng.random();
    x[2 * e] = r * Math.cos(phi);
    x[2 * e + 1] = r * Math.sin(phi);
    [c[2 * e], c[2 * e + 1]] = correction(...point(x, e));
  }
  const shape = [examples, 1, 2] as const;
  return { inputs: { x: { data: x, shape } }, targets: { c: { data: c, shape } } };
}

interface Sizes {
  readonly oscNeurons: number;
  readonly govNeurons: number;
  readonly oscExamples: number;
  readonly oscSteps: number;
  readonly govExamples: number;
  readonly govEpochs: number;
  readonly seconds: number;
}

const FULL: Sizes = { oscNeurons: 300, govNeurons: 200, oscExamples: 80, oscSteps: 150, govExamples: 2000, govEpochs: 40, seconds: 10 };
const QUICK: Sizes = { oscNeurons: 200, govNeurons: 120, oscExamples: 40, oscSteps: 150, govExamples: 800, govEpochs: 20, seconds: 4 };

/** Trains both subnetworks, couples them in the loop, measures it against the ideal, saves and reloads the bundles. */
export async function runCoupledLoop(options: CoupledLoopOptions = {}): Promise<CoupledLoopResult> {
  const started = performance.now();
  const quick = options.quick ?? false;
  const sizes = quick ? QUICK : FULL;
  const seconds = options.seconds ?? sizes.seconds;
  const seed = options.seed ?? 0;
  const plotStep = options.plotStep ?? 0.01;
  const every = Math.max(1, Math.round(plotStep / DT));
  if (!(Number.isFinite(seconds) && seconds >= 2)) throw new RangeError(`runCoupledLoop: seconds must be >= 2 (got ${seconds})`);
  const progress = options.onProgress ?? (() => {});
  const trainerWarnings: string[] = [];
  const onWarning = (message: string): void => {
    trainerWarnings.push(message);
    options.onWarning?.(message);
  };
  const rng = new Rng(seed);
  const osc = await trainOscillator(sizes, seed, rng, progress, onWarning);
  const gov = await trainGovernor(sizes, seed, rng, progress, onWarning);
  const steps = Math.round(seconds / DT);
  const runs = await runLoops(osc.trained, gov.trained, seed, steps, options, progress);
  const bundles = await checkBundles(osc, gov, runs.coupled, seed, steps, options.bundleDir, progress);
  const x = runs.coupled.data("x");
  const xRef = runs.reference.data("x");
  const xAlone = runs.alone.data("x");
  const errors = errorSums(x, xRef, steps);
  const lastSecond = Math.round(1 / DT);
  const final = finalStats(x, lastSecond, steps);
  const afterKick = Math.round(0.1 / DT);
  const oscLat = latencies(osc.trained as TrainedSubnetwork);
  const govLat = latencies(gov.trained as TrainedSubnetwork);
  const resumedFromStep = options.resumeFrom === undefined ? undefined : snapshotInfo(options.resumeFrom).step;
  return {
    description: `A ${FREQUENCY_HZ} Hz oscillator trained by least squares (its recurrence f(x) = x + τω·(−x₁, x₀) decoded into a port and fed back to itself) coupled with an amplitude governor trained by gradient descent (c(x) = (1 − |x|²)·x, fed back with a ${FEEDBACK_DELAY_STEPS}-step delay): together a Hopf limit cycle whose amplitude should settle at 1 and whose frequency should be ${FREQUENCY_HZ} Hz; alone, the oscillator's amplitude drifts.`,
    seconds,
    dt: DT,
    seed,
    quick,
    subnetworks: [
      subnetworkReport(
        "oscillator",
        "rotates its state x at ω = 2π·1 Hz through its own ports (out.f → in.fb)",
        `2-D, ${sizes.oscNeurons} LIFRate, ports fb, u → f, x`,
        osc,
        bundles.osc,
      ),
      subnetworkReport("governor", "pulls the amplitude |x| to 1: c(x) = (1 − |x|²)·x", `2-D, ${sizes.govNeurons} LIFRate, port x → c`, gov, bundles.gov),
    ],
    loops: [
      { path: "osc.f -> osc.fb", delaySteps: latency(oscLat, "fb", "f"), sum: `wire 0 + osc fb→f ${latency(oscLat, "fb", "f")}` },
      {
        path: "osc.x -> gov.x -> gov.c -> osc.u",
        delaySteps: latency(govLat, "x", "c") + FEEDBACK_DELAY_STEPS + latency(oscLat, "u", "x"),
        sum: `wire 0 + gov x→c ${latency(govLat, "x", "c")} + wire ${FEEDBACK_DELAY_STEPS} + osc u→x ${latency(oscLat, "u", "x")}`,
      },
    ],
    error: {
      compared: "oscillator amplitude |x| vs its Direct-mode reference's",
      rmse: Math.sqrt(errors.ampErr / steps),
      idealRms: Math.sqrt(errors.refSq / steps),
    },
    stateError: {
      compared: "oscillator state x vs its Direct-mode reference's (phase included)",
      rmse: Math.sqrt(errors.err / steps),
      idealRms: Math.sqrt(errors.refSq / steps),
    },
    frequency: { idealHz: FREQUENCY_HZ, referenceHz: measuredFrequency(xRef, lastSecond, steps), measuredHz: measuredFrequency(x, lastSecond, steps) },
    amplitude: {
      ideal: 1,
      finalMean: final.mean,
      finalStd: final.std,
      referenceFinalMean: finalStats(xRef, lastSecond, steps).mean,
      start: polar(x, afterKick - 1).r,
      withoutGovernorStart: polar(xAlone, afterKick - 1).r,
      withoutGovernorEnd: polar(xAlone, steps - 1).r,
    },
    coupledEqualsComposed: runs.coupledEqualsComposed,
    reloadedLoopIdentical: bundles.reloadedLoopIdentical,
    ...(runs.placement === undefined ? {} : { placement: runs.placement }),
    ...(resumedFromStep === undefined ? {} : { resumedFromStep }),
    ...(options.snapshotEvery === undefined ? {} : { snapshotSteps: runs.snapshotSteps }),
    timings: {
      trainOscillatorSeconds: osc.seconds,
      trainGovernorSeconds: gov.seconds,
      coupledSeconds: runs.coupledSeconds,
      coupledStepsPerSecond: (steps - (resumedFromStep ?? 0)) / runs.coupled.stats.runSeconds,
      composedSeconds: runs.composedSeconds,
      totalSeconds: (performance.now() - started) / 1000,
    },
    signals: plotSignals(runs, steps, every),
    trainerWarnings,
  };
}

/** A subnetwork as trained: the subnetwork, its training inputs (for the reload check) and its training time (s). */
interface Trained<T> {
  readonly trained: T;
  readonly inputs: Parameters<TrainedSubnetwork["predict"]>[0];
  readonly seconds: number;
}

/** 1. The oscillator, by least squares on data (the NEF way: decoders from its activities). */
async function trainOscillator(
  sizes: Sizes,
  seed: number,
  rng: Rng,
  progress: (event: ProgressEvent) => void,
  onWarning: (message: string) => void,
): Promise<Trained<TrainedOscillator>> {
  progress({ stage: "train oscillator", state: "start" });
  const t0 = performance.now();
  const osc = oscillatorNetwork(sizes.oscNeurons, seed + 1);
  const data = oscillatorData(sizes.oscExamples, sizes.oscSteps, rng);
  const trained = await new LeastSquaresTrainer({ solver: new LstsqL2({ reg: OSCILLATOR_REG }), seed, dt: DT }).fit(osc.net, data, { onWarning });
  const seconds = (performance.now() - t0) / 1000;
  progress({ stage: "train oscillator", state: "done" });
  return { trained, inputs: data.inputs, seconds };
}

/** 2. The governor, by gradient descent. */
async function trainGovernor(
  sizes: Sizes,
  seed: number,
  rng: Rng,
  progress: (event: ProgressEvent) => void,
  onWarning: (message: string) => void,
): Promise<Trained<TrainedGovernor>> {
  progress({ stage: "train governor", state: "start", done: 0, total: sizes.govEpochs });
  const t0 = performance.now();
  const govNet = governorNetwork(sizes.govNeurons, seed + 2);
  const data = governorData(sizes.govExamples, rng);
  const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 32, seed, dt: DT });
  const trained = await trainer.fit(govNet, data, {
    epochs: sizes.govEpochs,
    progress: false,
    onWarning,
    callbacks: { onEpochEnd: (epoch) => progress({ stage: "train governor", state: "start", done: epoch + 1, total: sizes.govEpochs }) },
  });
  const seconds = (performance.now() - t0) / 1000;
  progress({ stage: "train governor", state: "done", done: sizes.govEpochs, total: sizes.govEpochs });
  return { trained, inputs: data.inputs, seconds };
}

/** The runs of step 3: the coupled loop, composed into one network, the Direct-mode reference, and the oscillator alone. */
interface LoopRuns {
  readonly coupled: CouplingResult;
  readonly placement: string | undefined;
  readonly snapshotSteps: readonly number[];
  readonly coupledSeconds: number;
  readonly composedSeconds: number;
  readonly coupledEqualsComposed: boolean;
  readonly reference: CouplingResult;
  readonly alone: CouplingResult;
}

/** 3. Coupled: the loop (checked against compose()), its Direct-mode reference, and the oscillator alone (its own recurrence only) for comparison. */
async function runLoops(
  oscillator: TrainedOscillator,
  governor: TrainedGovernor,
  seed: number,
  steps: number,
  options: CoupledLoopOptions,
  progress: (event: ProgressEvent) => void,
): Promise<LoopRuns> {
  progress({ stage: "run coupled", state: "start" });
  let t0 = performance.now();
  const system = loop(oscillator, governor, seed);
  const snapshotSteps: number[] = [];
  const { result: coupled, placement } = await runCoupled(system, steps, options.nats, coupledRunOptions(options, snapshotSteps));
  const coupledSeconds = (performance.now() - t0) / 1000;
  progress({ stage: "run coupled", state: "done" });

  progress({ stage: "run composed", state: "start" });
  t0 = performance.now();
  const composed = runComposed(system, steps);
  const composedSeconds = (performance.now() - t0) / 1000;
  const coupledEqualsComposed =
    sameBits(coupled.data("x"), composed.get("x") ?? new Float64Array(0)) && sameBits(coupled.data("c"), composed.get("c") ?? new Float64Array(0));
  progress({ stage: "run composed", state: "done" });

  progress({ stage: "run reference", state: "start" });
  const reference = await loop(oscillatorNetwork(1, 0, { direct: true }).net, governorNetwork(1, 0, { direct: true }), seed).run({ steps });
  progress({ stage: "run reference", state: "done" });

  progress({ stage: "run without governor", state: "start" });
  const alone = await couple({ osc: oscillator }, { seed })
    .wire(oscillator.out.f, oscillator.in.fb)
    .input(oscillator.in.u, kick)
    .probe(oscillator.out.x, { label: "x" })
    .run({ steps });
  progress({ stage: "run without governor", state: "done" });
  return { coupled, placement, snapshotSteps, coupledSeconds, composedSeconds, coupledEqualsComposed, reference, alone };
}

/** A saved bundle: its path (null when in a temporary folder, removed), its size, whether reloaded it predicts bit for bit alike. */
interface BundleCheck {
  readonly file: string | null;
  readonly bytes: number;
  readonly identical: boolean;
}

/** 4. Bundles: saved, reloaded, checked by predict and by running the loop again. */
async function checkBundles(
  osc: Trained<TrainedOscillator>,
  gov: Trained<TrainedGovernor>,
  coupled: CouplingResult,
  seed: number,
  steps: number,
  bundleDir: string | undefined,
  progress: (event: ProgressEvent) => void,
): Promise<{ readonly osc: BundleCheck; readonly gov: BundleCheck; readonly reloadedLoopIdentical: boolean }> {
  progress({ stage: "bundles", state: "start" });
  const temporary = bundleDir === undefined;
  const dir = resolve(bundleDir ?? (await mkdtemp(join(tmpdir(), "plexus-coupled-loop-"))));
  await mkdir(dir, { recursive: true });
  const oscFile = join(dir, "oscillator.plexus");
  const govFile = join(dir, "governor.plexus");
  await save(osc.trained, oscFile);
  await save(gov.trained, govFile);
  const oscLoaded = await load<{ fb: 2; u: 2 }, { f: 2; x: 2 }>(oscFile);
  const govLoaded = await load<{ x: 2 }, { c: 2 }>(govFile);
  const oscCheck = samePrediction(osc.trained, oscLoaded, osc.inputs);
  const govCheck = samePrediction(gov.trained, govLoaded, gov.inputs);
  const reloaded = await loop(oscLoaded, govLoaded, seed).run({ steps });
  const reloadedLoopIdentical = sameBits(reloaded.data("x"), coupled.data("x")) && sameBits(reloaded.data("c"), coupled.data("c"));
  const bytes = { osc: (await stat(oscFile)).size, gov: (await stat(govFile)).size };
  if (temporary) await rm(dir, { recursive: true, force: true });
  progress({ stage: "bundles", state: "done" });
  return {
    osc: { file: temporary ? null : oscFile, bytes: bytes.osc, identical: oscCheck },
    gov: { file: temporary ? null : govFile, bytes: bytes.gov, identical: govCheck },
    reloadedLoopIdentical,
  };
}

/** 5. Against the ideal: the sums of squares of the state's and the amplitude's errors against the reference, and of the reference's amplitude. */
function errorSums(x: Float64Array, xRef: Float64Array, steps: number): { err: number; ampErr: number; refSq: number } {
  let err = 0;
  let ampErr = 0;
  let refSq = 0; // |x_ref|², the square of both the state's and the amplitude's size
  for (let row = 0; row < steps; row++) {
    const rr = polar(xRef, row).r;
    const [a0, a1] = point(x, row);
    const [b0, b1] = point(xRef, row);
    err += (a0 - b0) ** 2 + (a1 - b1) ** 2;
    ampErr += (polar(x, row).r - rr) ** 2;
    refSq += rr * rr;
  }
  return { err, ampErr, refSq };
}

/** Mean and standard deviation of |x| over the last `lastSecond` steps of `steps`. */
function finalStats(data: Float64Array, lastSecond: number, steps: number): { mean: number; std: number } {
  const rs = Array.from({ length: lastSecond }, (_, i) => polar(data, steps - lastSecond + i).r);
  const mean = rs.reduce((a, v) => a + v, 0) / rs.length;
  return { mean, std: Math.sqrt(rs.reduce((a, v) => a + (v - mean) ** 2, 0) / rs.length) };
}

/** The plotted signals, every `every` steps. */
function plotSignals(runs: LoopRuns, steps: number, every: number): TimeSeries {
  const x = runs.coupled.data("x");
  const c = runs.coupled.data("c");
  const xRef = runs.reference.data("x");
  const xAlone = runs.alone.data("x");
  const t: number[] = [];
  const series = {
    x0: [] as number[],
    x1: [] as number[],
    "ideal x0": [] as number[],
    "ideal x1": [] as number[],
    "|x|": [] as number[],
    "ideal |x|": [] as number[],
    "|x| without governor": [] as number[],
    c0: [] as number[],
    c1: [] as number[],
  };
  for (let k = every; k <= steps; k += every) {
    const row = k - 1;
    t.push(round(k * DT));
    const [x0, x1] = point(x, row);
    const [r0, r1] = point(xRef, row);
    const [c0, c1] = point(c, row);
    series.x0.push(x0);
    series.x1.push(x1);
    series["ideal x0"].push(r0);
    series["ideal x1"].push(r1);
    series["|x|"].push(polar(x, row).r);
    series["ideal |x|"].push(polar(xRef, row).r);
    series["|x| without governor"].push(polar(xAlone, row).r);
    series.c0.push(c0);
    series.c1.push(c1);
  }
  return { t, series: Object.entries(series).map(([name, values]) => ({ name, values: values.map(round6) })) };
}

/** Latency in steps from each input port to each output port of a trained subnetwork. */
function latencies(trained: TrainedSubnetwork): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.keys(trained.ports.inputs).map((i) => [i, Object.fromEntries(Object.keys(trained.ports.outputs).map((o) => [o, trained.latency(i, o)]))]),
  );
}

function subnetworkReport<T>(name: string, role: string, network: string, sub: Trained<T>, bundle: BundleCheck): LoopSubnetwork {
  const trained = sub.trained as TrainedSubnetwork;
  return {
    name,
    role,
    network,
    trainer: trained.report.trainer,
    engine: trained.report.engine,
    epochs: trained.report.epochs,
    trainLoss: trained.report.trainLoss,
    deployedLoss: trained.report.deployedLoss,
    trainSeconds: sub.seconds,
    latencies: latencies(trained),
    bundle: bundle.file,
    bundleBytes: bundle.bytes,
    reloadCheck: bundle.identical ? "identical" : "differs",
  };
}

/** The coupled run's snapshot options (each step taken is pushed to `taken`). */
function coupledRunOptions(options: CoupledLoopOptions, taken: number[]): RunOptions {
  const { snapshotEvery, onSnapshot, resumeFrom, signal } = options;
  return {
    ...(resumeFrom === undefined ? {} : { from: resumeFrom }),
    ...(signal === undefined ? {} : { signal }),
    ...(snapshotEvery === undefined
      ? {}
      : {
          snapshotEvery,
          onSnapshot: (bytes: Uint8Array, step: number) => {
            taken.push(step);
            return onSnapshot?.(bytes, step);
          },
        }),
  };
}

/** Runs the coupled loop, in this thread or with the governor on a NATS worker (see {@link CoupledLoopOptions.nats}). */
async function runCoupled(
  system: ReturnType<typeof loop>,
  steps: number,
  nats: CoupledLoopOptions["nats"],
  runOptions: RunOptions,
): Promise<{ result: CouplingResult; placement?: string }> {
  if (nats === undefined) return { result: await system.run({ steps, ...runOptions }) };
  const { natsHosts } = await import("@plexus/coupler/nats");
  const hosts = await natsHosts(nats.url === undefined ? {} : { url: nats.url });
  try {
    const result = await system.run({ steps, placement: { gov: "worker" }, hosts, ...runOptions });
    return { result, placement: `gov on a NATS worker (${nats.url ?? `nats-server started by Plexus at ${hosts.url}`}), osc in this process` };
  } finally {
    await hosts.close();
  }
}

/** The kick on the oscillator's u. */
function kick(t: number): [number, number] {
  return t <= KICK_SECONDS + 1e-12 ? [KICK, 0] : [0, 0];
}

/**
 * The coupled loop of an oscillator and a governor (trained, reloaded, or Direct-mode reference
 * networks), probed at osc.x ("x") and gov.c ("c").
 */
export function loop(oscillator: TrainedOscillator | OscillatorNet, governor: TrainedGovernor | GovernorNet, seed = 0) {
  return couple({ osc: oscillator, gov: governor }, { seed })
    .wire(oscillator.out.f, oscillator.in.fb) // the recurrence: delayed by the synapse inside (latency 1)
    .wire(oscillator.out.x, governor.in.x)
    .wire(governor.out.c, oscillator.in.u, { delaySteps: FEEDBACK_DELAY_STEPS, transform: TAU * LAMBDA, sum: true })
    .input(oscillator.in.u, kick, { sum: true })
    .probe(oscillator.out.x, { label: "x" })
    .probe(governor.out.c, { label: "c" });
}

function runComposed(system: ReturnType<typeof loop>, steps: number): Map<string, Float64Array> {
  const comp = system.compose();
  const sim = new Simulator(build(comp.network, { dt: comp.dt, seed: comp.seed, overrides: comp.overrides }), { progress: false, seed: comp.seed });
  sim.runSteps(steps);
  return new Map([...comp.probes].map(([name, probe]) => [name, sim.data(probe).data]));
}

function samePrediction<I extends Record<string, number>, O extends Record<string, number>>(
  a: TrainedSubnetwork<I, O>,
  b: TrainedSubnetwork<I, O>,
  inputs: Parameters<TrainedSubnetwork<I, O>["predict"]>[0],
): boolean {
  const pa = a.predict(inputs) as Record<string, DataArray>;
  const pb = b.predict(inputs) as Record<string, DataArray>;
  return Object.entries(pa).every(([k, ya]) => {
    const yb = pb[k];
    return yb !== undefined && sameBits(ya.data, yb.data);
  });
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** Row `row` of a 2-D series (`steps × 2`, row-major); NaN past its end. */
function point(x: Float64Array, row: number): [number, number] {
  return [x[2 * row] ?? Number.NaN, x[2 * row + 1] ?? Number.NaN];
}

function polar(x: Float64Array, row: number): { r: number; theta: number } {
  const [a, b] = point(x, row);
  return { r: Math.hypot(a, b), theta: Math.atan2(b, a) };
}

/** The latency (steps) from input `from` to output `to` of a trained subnetwork, as `latencies` lists them. */
function latency(lat: Readonly<Record<string, Readonly<Record<string, number>>>>, from: string, to: string): number {
  const steps = lat[from]?.[to];
  if (steps === undefined) throw new CouplingError(`no latency from input ${from} to output ${to}`, { label: `${from}->${to}` });
  return steps;
}

/** The slope of the unwrapped phase of x from step k0 to the end (least squares), in Hz. */
function measuredFrequency(x: Float64Array, k0: number, steps: number): number {
  let prev = polar(x, k0 - 1).theta;
  let unwrapped = prev;
  let st = 0,
    sp = 0,
    stt = 0,
    stp = 0,
    n = 0;
  for (let k = k0; k <= steps; k++) {
    const th = polar(x, k - 1).theta;
    let d = th - prev;
    d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
    unwrapped += d;
    prev = th;
    const t = k * DT;
    st += t;
    sp += unwrapped;
    stt += t * t;
    stp += t * unwrapped;
    n++;
  }
  return (n * stp - st * sp) / (n * stt - st * st) / (2 * Math.PI);
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function round6(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
}

/** The printed report of a run. */
export function formatCoupledLoop(r: CoupledLoopResult): string {
  const e = (v: number): string => (Number.isFinite(v) ? v.toExponential(2) : String(v));
  const f3 = (v: number): string => v.toFixed(3);
  const lines: string[] = [];
  lines.push(`Coupled loop: trained apart, run together (${r.seconds} s at dt = ${r.dt * 1000} ms, seed ${r.seed}${r.quick ? ", quick sizes" : ""})`);
  lines.push("");
  const rows = [["subnetwork", "trainer", "engine", "epochs", "trainLoss", "deployedLoss", "trained in", "bundle (reloaded)"]];
  for (const s of r.subnetworks) {
    rows.push([
      s.name,
      s.trainer,
      s.engine,
      String(s.epochs),
      e(s.trainLoss),
      e(s.deployedLoss),
      `${s.trainSeconds.toFixed(2)} s`,
      `${s.bundle ?? "(temporary, removed)"} (${(s.bundleBytes / 1024).toFixed(0)} KiB, predicts ${s.reloadCheck === "identical" ? "bit for bit the same" : "DIFFERENTLY"})`,
    ]);
  }
  lines.push(...table(rows).map((l) => `  ${l}`));
  for (const s of r.subnetworks) lines.push(`  ${s.name}: ${s.network}; ${s.role}`);
  lines.push("");
  lines.push("  Loops (delay in 1 ms steps: wire delays + latencies inside the subnetworks):");
  for (const l of r.loops) lines.push(`    ${l.path.padEnd(34)} ${l.delaySteps} = ${l.sum}`);
  lines.push("");
  lines.push(`  Against the ideal: the same loop with both networks in Direct mode (exact f and c, the same delays and kick):`);
  for (const m of [r.error, r.stateError])
    lines.push(`    ${m.compared}: RMSE ${e(m.rmse)} (${((100 * m.rmse) / m.idealRms).toFixed(2)}% of the reference's RMS ${f3(m.idealRms)})`);
  lines.push(
    `    amplitude over the last second: ${f3(r.amplitude.finalMean)} ± ${f3(r.amplitude.finalStd)} (reference ${f3(r.amplitude.referenceFinalMean)}, limit cycle ${r.amplitude.ideal}; ${f3(r.amplitude.start)} after the kick)`,
  );
  lines.push(`    frequency: ${r.frequency.measuredHz.toFixed(4)} Hz (reference ${r.frequency.referenceHz.toFixed(4)} Hz, nominal ${r.frequency.idealHz} Hz)`);
  lines.push(
    `    without the governor, the oscillator alone: amplitude ${f3(r.amplitude.withoutGovernorStart)} after the kick -> ${f3(r.amplitude.withoutGovernorEnd)} at ${r.seconds} s (ideally it keeps it: it has no amplitude of its own)`,
  );
  lines.push("");
  if (r.placement !== undefined) lines.push(`  placement: ${r.placement}`);
  if (r.resumedFromStep !== undefined) lines.push(`  resumed from the snapshot at base step ${r.resumedFromStep} (the steps before were not run again)`);
  if (r.snapshotSteps !== undefined)
    lines.push(`  snapshots: ${r.snapshotSteps.length} taken${r.snapshotSteps.length === 0 ? "" : ` (base steps ${r.snapshotSteps.join(", ")})`}`);
  lines.push(
    `  coupled == compose() on one simulator: ${r.coupledEqualsComposed ? "identical, bit for bit" : "DIFFERENT"}; loop from the reloaded bundles: ${r.reloadedLoopIdentical ? "identical, bit for bit" : "DIFFERENT"}`,
  );
  const tm = r.timings;
  lines.push(
    `  time: training ${tm.trainOscillatorSeconds.toFixed(2)} s (oscillator) + ${tm.trainGovernorSeconds.toFixed(2)} s (governor); coupled run ${tm.coupledSeconds.toFixed(2)} s (${Math.round(tm.coupledStepsPerSecond).toLocaleString("en")} steps/s), composed ${tm.composedSeconds.toFixed(2)} s; total ${tm.totalSeconds.toFixed(2)} s wall`,
  );
  for (const w of r.trainerWarnings) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, j) => Math.max(...rows.map((r) => r[j]?.length ?? 0)));
  return rows.map((r) =>
    r
      .map((c, j) => c.padEnd(widths[j] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

/** The command line that resumes a run stopped with these arguments from `file`: the same, with `--resume file` (and no other --resume). */
function resumeArgs(argv: readonly string[], file: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--resume") i++;
    else if (!a.startsWith("--resume=")) out.push(a);
  }
  return [...out, "--resume", file];
}

/** Base steps between the snapshots where a run with --snapshot-file and no --snapshot-every may stop on a signal (1 s). */
const STOP_EVERY_STEPS = 1000;

/**
 * An AbortSignal aborted by the first SIGINT or SIGTERM (a second one ends the process at once,
 * as it would without this), which it names; `dispose` removes the handlers.
 */
function stopOnSignals(): { readonly signal: AbortSignal; by(): string; dispose(): void } {
  const controller = new AbortController();
  let by = "";
  const onSignal = (name: NodeJS.Signals): void => {
    by = name;
    dispose();
    controller.abort();
  };
  const dispose = (): void => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { signal: controller.signal, by: () => by, dispose };
}

/** The bytes of a snapshot file. @throws SnapshotError when it cannot be read */
async function readSnapshot(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw new SnapshotError(`--resume ${file}: cannot read it (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/** Writes `bytes` to `file` through a temporary file beside it, so that the file always holds a whole snapshot. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.partial`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/** The command line: `plexus run coupled-loop --help` lists the options. Returns undefined after `--help` or a usage error. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<CoupledLoopResult | undefined> {
  const values = exampleArgs(
    { name: "coupled-loop", summary: "Trained apart, run together: an oscillator (least squares) and a governor (gradient descent) coupled in a mutual loop." },
    {
      seconds: { type: "number", placeholder: "s", description: "simulated time of the coupled loop (default 10; 4 with --quick)" },
      seed: { type: "integer", placeholder: "n", description: "seed of every draw (default 0)" },
      quick: { type: "boolean", description: "reduced sizes: fewer neurons, examples and epochs" },
      bundles: { type: "string", placeholder: "dir", description: "keep the two bundles in this folder (default: a temporary folder, removed at the end)" },
      json: { type: "boolean", description: "print the results as JSON" },
      nats: {
        type: "string",
        placeholder: "url",
        description: "run the governor on a NATS worker at this broker (`plexus worker --nats URL`); 'embedded' starts nats-server and a worker here",
      },
      "snapshot-every": {
        type: "integer",
        placeholder: "steps",
        description: "snapshot the coupled run every this many 1 ms steps into --snapshot-file (each snapshot replaces the last)",
      },
      "snapshot-file": {
        type: "string",
        placeholder: "file",
        description: `where the snapshots go; on SIGINT/SIGTERM the coupled run stops at its next snapshot (every --snapshot-every steps, default ${STOP_EVERY_STEPS}), writes it there and exits`,
      },
      resume: {
        type: "string",
        placeholder: "file",
        description: "resume the coupled run from a snapshot file (of a run with the same --seed and --quick): the same results, bit for bit",
      },
    },
    argv,
  );
  if (values === undefined) return undefined;
  const every = values["snapshot-every"];
  const file = values["snapshot-file"];
  if ((every !== undefined && file === undefined) || (every !== undefined && every < 1)) {
    process.stderr.write(
      `error: ${every !== undefined && every >= 1 ? "--snapshot-every needs --snapshot-file" : `option '--snapshot-every' wants an integer >= 1 (got ${every})`}\n(add --help for usage)\n`,
    );
    process.exitCode = 2;
    return undefined;
  }
  const stop = file === undefined ? undefined : stopOnSignals();
  let result: CoupledLoopResult;
  try {
    const resumeFrom = values.resume === undefined ? undefined : await readSnapshot(values.resume);
    result = await runCoupledLoop({
      ...(values.seconds !== undefined ? { seconds: values.seconds } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values.quick === true ? { quick: true } : {}),
      ...(values.bundles !== undefined ? { bundleDir: values.bundles } : {}),
      ...(values.nats !== undefined ? { nats: values.nats === "embedded" ? {} : { url: values.nats } } : {}),
      ...(file !== undefined && stop !== undefined
        ? {
            snapshotEvery: every ?? STOP_EVERY_STEPS,
            // with --snapshot-every each snapshot replaces the last; without it, only the one the run stops at is written
            onSnapshot: (bytes: Uint8Array) => (every !== undefined || stop.signal.aborted ? writeAtomically(file, bytes) : undefined),
            signal: stop.signal,
          }
        : {}),
      ...(resumeFrom !== undefined ? { resumeFrom } : {}),
    });
  } catch (error) {
    // a snapshot of another run (seed, sizes), a damaged or missing file, or a stop on request: one line, not a stack
    if (error instanceof RunInterruptedError && file !== undefined && stop !== undefined) {
      process.stderr.write(
        `Stopped by ${stop.by()} at base step ${error.step}; the snapshot there is in ${file}: resume with plexus run coupled-loop ${resumeArgs(argv, file).join(" ")}\n`,
      );
      process.exitCode = 128 + (stop.by() === "SIGTERM" ? 15 : 2);
      return undefined;
    }
    if (!(error instanceof SnapshotError)) throw error;
    process.stderr.write(`SnapshotError: ${error.message}\n`);
    process.exitCode = 1;
    return undefined;
  } finally {
    stop?.dispose();
  }
  console.log(values.json === true ? JSON.stringify(result) : formatCoupledLoop(result));
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
