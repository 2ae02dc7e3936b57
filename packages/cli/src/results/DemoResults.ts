/**
 * The results file the flagship demo writes (`plexus-report/results.json`) and `plexus report`
 * reads. Every number in it comes from a real run; a section that could not run is `null` and
 * its reason is listed in `missing`, never filled in.
 *
 * In the JSON file, non-finite numbers are written as the strings "inf", "-inf" and "nan" (as in
 * the reference files); {@link parseResults} turns them back into numbers.
 */
export interface DemoResults {
  /** Identifies the file; always {@link RESULTS_FORMAT}. */
  readonly format: typeof RESULTS_FORMAT;
  /** Schema version; always {@link RESULTS_VERSION}. */
  readonly version: typeof RESULTS_VERSION;
  /** Version of the Plexus packages that produced the file. */
  readonly plexusVersion: string;
  /** When the run finished, ISO 8601. */
  readonly createdAt: string;
  /** Wall time of the demo up to writing this file, in seconds (from the process start under `plexus demo`). */
  readonly wallSeconds: number;
  /** CPU time (user + system) of the demo's process over the same span, in seconds. */
  readonly cpuSeconds: number;
  /** True when the demo ran in its reduced, fast configuration (`plexus demo --quick`). */
  readonly quick: boolean;
  readonly environment: Environment;
  /** Part 1: the reported case, one gradient-trained channel per data length, on settings that converge (or the user's `--lr`/`--epochs`). */
  readonly seedRescaling: SeedRescalingResults | null;
  /** Part 1 again on the report's setting (Adam 1e-3), or null when part 1 did not run or `seedRescaling` already uses that setting. */
  readonly seedRescalingAsReported: SeedRescalingResults | null;
  /** Part 2: two subnetworks trained by different trainers, coupled in a loop. */
  readonly coupledLoop: CoupledLoopResults | null;
  /** Spikes of one ensemble, for the raster plot. */
  readonly raster: SpikeRaster | null;
  /** Part 3: where each result came from. */
  readonly bundles: readonly BundleRecord[];
  /** Sections that did not run, and why. */
  readonly missing: readonly MissingSection[];
}

export const RESULTS_FORMAT = "plexus-demo-results";
export const RESULTS_VERSION = 2;

export interface Environment {
  /** `process.version`, e.g. "v20.20.2". */
  readonly node: string;
  /** `process.platform` and `process.arch`, e.g. "linux x64". */
  readonly platform: string;
  /** Number of logical CPUs. */
  readonly cpus: number;
}

export interface SeedRescalingResults {
  /** How every run was set up. */
  readonly setup: SeedRescalingSetup;
  /** One run per data length, in increasing `simT`. */
  readonly runs: readonly SeedRescalingRun[];
}

/**
 * Where a panel's optimiser settings come from: `"converging"`, the example's settings on which
 * training converges; `"as-reported"`, the report's (Adam 1e-3, 100 epochs); `"custom"`, the user's.
 */
export type SeedRescalingSettings = "converging" | "as-reported" | "custom";

export interface SeedRescalingSetup {
  readonly settings: SeedRescalingSettings;
  /** Description of the network, e.g. "1 → 100 Sigmoid → 1". */
  readonly network: string;
  /** Simulator time step, in seconds. */
  readonly dt: number;
  readonly epochs: number;
  readonly minibatchSize: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** Frequency of the training signal x = y = sin(2π f t), in Hz. */
  readonly signalHz: number;
}

export interface SeedRescalingRun {
  /** Length of the training data, in seconds. */
  readonly simT: number;
  /** The trainer's running average of the loss over the last epoch (what Keras/tfjs print). */
  readonly trainLoss: number;
  /** Loss of the frozen subnetwork run by the simulator on the training data, through its ports. */
  readonly deployedLoss: number;
  /** MSE of `predict` through the input port (the path every coupled input takes). */
  readonly portMse: number;
  /** MSE with the learned port transform dropped (the original pass-through wiring). */
  readonly bypassMse: number;
  /** The learned input transform of the port, flattened row-major. */
  readonly inputTransform: readonly number[];
  /** Training loss after each epoch (index 0 = epoch 1). */
  readonly lossPerEpoch: readonly number[];
  /** Output vs target over time: series "target", "port" and "bypass". */
  readonly trace: TimeSeries;
  /** Path of the saved bundle of this run, relative to the results file, or null if not saved. */
  readonly bundle: string | null;
  /** The trainer's warnings (e.g. reported and deployed losses more than a factor of 2 apart). */
  readonly trainerWarnings: readonly string[];
  /** The example's verdict: null when the run is as expected, else what is not, with its numbers. */
  readonly verdict: string | null;
}

/** Signals sampled at common times. Every `values` array has the length of `t`. */
export interface TimeSeries {
  /** Times, in seconds. */
  readonly t: readonly number[];
  readonly series: readonly Signal[];
}

export interface Signal {
  /** Short name, unique within its time series (used in legends). */
  readonly name: string;
  readonly values: readonly number[];
}

export interface CoupledLoopResults {
  /** One or two sentences: what is coupled and what a person should see. */
  readonly description: string;
  /** Simulated duration, in seconds. */
  readonly seconds: number;
  /** Base time step, in seconds. */
  readonly dt: number;
  readonly subnetworks: readonly CoupledSubnetwork[];
  /** Each loop of the system with its total delay. */
  readonly loops: readonly LoopDelay[];
  /** The main error of the coupled loop against the ideal. */
  readonly error: LoopError;
  /** Further errors against the ideal (e.g. the state, phase included). */
  readonly otherErrors: readonly LoopError[];
  /** Figures of the run beside their ideal values (e.g. frequency, amplitude). */
  readonly measures: readonly Measure[];
  /** Yes/no checks made on the run (e.g. coupled equals composed, bit for bit). */
  readonly checks: readonly Check[];
  /** The loop's signals over time. */
  readonly signals: TimeSeries;
  /** How to plot `signals`: one panel per entry, each naming its series (a name starting "ideal" is drawn dashed). */
  readonly panels: readonly SignalPanel[];
  /** Curves of one signal against another (e.g. x₁ against x₀), or null for none. */
  readonly phasePlane: PhasePlane | null;
  /** The trainers' warnings. */
  readonly trainerWarnings: readonly string[];
}

export interface CoupledSubnetwork {
  readonly name: string;
  /** What it does in the loop. */
  readonly role: string;
  /** Its size and ports, e.g. "2-D, 300 LIFRate, ports fb, u → f, x". */
  readonly network: string;
  /** The trainer's class name, e.g. "GradientTrainer". */
  readonly trainer: string;
  /** The engine the trainer reported. */
  readonly engine: string;
  readonly epochs: number;
  readonly trainLoss: number;
  readonly deployedLoss: number;
  /** Wall time of its training, in seconds. */
  readonly trainSeconds: number;
  /** Path of its saved bundle, relative to the results file, or null if not saved. */
  readonly bundle: string | null;
}

export interface LoopDelay {
  /** e.g. "osc.x -> gov.x -> gov.c -> osc.u". */
  readonly path: string;
  /** Total delay in base steps. */
  readonly delaySteps: number;
  /** How it adds up, e.g. "wire 0 + gov x→c 0 + wire 2 + osc u→x 1". */
  readonly sum: string;
}

export interface LoopError {
  /** Which signal was compared with which, e.g. "amplitude |x| vs the ideal limit cycle's". */
  readonly compared: string;
  /** Root mean square error over the run. */
  readonly rmse: number;
  /** RMS of the ideal signal, to put `rmse` in scale. */
  readonly idealRms: number;
}

export interface Measure {
  /** e.g. "frequency". */
  readonly name: string;
  readonly value: number;
  /** Its spread (e.g. a standard deviation), or null. */
  readonly spread: number | null;
  /** The ideal value, or null where there is none. */
  readonly ideal: number | null;
  /** e.g. "Hz"; "" for none. */
  readonly unit: string;
}

export interface Check {
  /** What was checked, e.g. "coupled run = compose() on one simulator, bit for bit". */
  readonly name: string;
  readonly passed: boolean;
}

export interface SignalPanel {
  readonly title: string;
  /** Title of the value axis. */
  readonly yTitle: string;
  /** Names of series of `signals`. */
  readonly series: readonly string[];
}

export interface PhasePlane {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Each curve: a label and the names of the series of `signals` on each axis. */
  readonly curves: readonly { readonly label: string; readonly x: string; readonly y: string }[];
}

export interface SpikeRaster {
  /** Label of the ensemble. */
  readonly ensemble: string;
  /** One sentence: what the ensemble represents and how its neurons are ordered. */
  readonly description: string;
  /** Neuron type, e.g. "LIF". */
  readonly neuronType: string;
  readonly nNeurons: number;
  /** Time window shown, in seconds. */
  readonly tStart: number;
  readonly tEnd: number;
  /** Spike times, in seconds, paired with `neuron`. */
  readonly t: readonly number[];
  /** Neuron index of each spike (0-based), paired with `t`. */
  readonly neuron: readonly number[];
  /** Groups of neurons (consecutive indices) the plot colours apart, e.g. by encoder sign; may be empty. */
  readonly groups: readonly NeuronGroup[];
  /** What the ensemble represents over the same window, e.g. its input and its decoded estimate. */
  readonly signal: TimeSeries;
}

export interface NeuronGroup {
  readonly label: string;
  /** First neuron index of the group. */
  readonly first: number;
  /** Number of neurons in it. */
  readonly count: number;
}

export interface BundleRecord {
  /** What the bundle holds, e.g. "channel trained on 4 s". */
  readonly name: string;
  /** Path relative to the results file. */
  readonly path: string;
  /** Size in bytes. */
  readonly bytes: number;
  /** A line of TypeScript that reloads it. */
  readonly reload: string;
  /**
   * The demo reloaded the bundle and ran `predict` on the training inputs: "identical" when every
   * output equals the saved subnetwork's bit for bit, "differs" otherwise.
   */
  readonly reloadCheck: "identical" | "differs";
}

export type SectionName = "seedRescaling" | "coupledLoop" | "raster";

export interface MissingSection {
  readonly section: SectionName;
  /** Why it did not run: `failed with <ErrorClass>: <message>`. */
  readonly reason: string;
}
