import type { Network } from "@plexus/core";
import type { OptimizerState } from "./Optimizer.js";

/** One parameter of a compiled model. */
export interface ParameterInfo {
  /** `parameterName(obj, "encoders" | "bias" | "weights", top)` from `@plexus/core`, e.g. `A.encoders`, `Connection[1].weights`. */
  readonly name: string;
  /** Row-major shape: encoders `[nNeurons, dimensions]`, bias `[nNeurons]`, weights of a decoded
   * connection `[postSize, nNeurons]` (transform folded into the decoders), weights of any other
   * connection the transform's shape (`[]` scalar, `[n]` elementwise, `[post, pre]` matrix). */
  readonly shape: readonly number[];
  /** Whether training changes it (`net.config.isTrainable`: ensemble → encoders, ensemble.neurons → bias, connection → weights). */
  readonly trainable: boolean;
}

/**
 * A minibatch. Each array is `batchSize × steps × dims` row-major (example, then step, then
 * dimension), keyed by port name: `inputs` by the network's input ports, `targets` by its output
 * ports (an output port without a target adds nothing to the loss).
 */
export interface BatchData {
  readonly inputs: Readonly<Record<string, Float64Array>>;
  readonly targets: Readonly<Record<string, Float64Array>>;
  readonly batchSize: number;
  readonly steps: number;
}

/** The shape of one port's data in a batch. */
export interface PortShape {
  readonly batchSize: number;
  readonly steps: number;
  readonly dims: number;
}

/**
 * A user loss on one output port. `value` returns the loss of `prediction` against `target` (both
 * `batchSize × steps × dims`, row-major) and, when `grad` is given (training), writes
 * dLoss/dPrediction into it (same layout, zero-filled before the call). The engines call it once
 * per port that has a target and add the results. It must be deterministic and must not keep
 * the arrays (they are reused).
 */
export interface LossFunction {
  /** How reports name it. */
  readonly name: string;
  value(prediction: Float64Array, target: Float64Array, grad: Float64Array | null, shape: PortShape): number;
}

/** A built-in loss on each output port: `"mse"` (mean squared error over batch, steps and dims). */
export type LossSpec = "mse";

/** How spiking neuron types are treated in training mode. */
export type SpikingApproximation = "softlif" | "surrogate";

/** Storage precision of a compiled model. */
export type Dtype = "float64" | "float32";

/** Options of {@link Engine.compile}. */
export interface CompileOptions {
  /** Time step in seconds. Default 0.001. */
  readonly dt?: number;
  /** Seed of the build that draws initial parameters (the simulator's `build(net, { seed })`). Default: the network's seed, else 0. */
  readonly seed?: number;
  /**
   * Spiking types in training mode. `"softlif"` (default): LIF trains through nengo_dl's
   * SoftLIFRate (smoothing `sigma`), other spiking types through their rate curve. `"surrogate"`:
   * the forward pass runs the real spiking step, the backward pass uses the derivative of the
   * smoothed rate curve at the same current.
   */
  readonly spikingApproximation?: SpikingApproximation;
  /** Smoothing of the SoftLIF approximation (nengo_dl's `lif_smoothing`). Default 0.02. */
  readonly sigma?: number;
  /**
   * Storage precision. Default `"float64"`. With `"float32"` the typed engine keeps parameters
   * and the per-neuron buffers (currents' derivatives, rates and their adjoints) in float32, and
   * the low-dimensional signals (ports, ensemble inputs, synapse states) and gradient sums in
   * float64, where rounding would accumulate. The tfjs engine computes in float32 regardless.
   */
  readonly dtype?: Dtype;
  /** Loss per output port: `"mse"` (default) or a {@link LossFunction}. */
  readonly loss?: LossSpec | LossFunction;
  /**
   * What an ensemble's encoders parameter is trained as. `"scaled"` (default, nengo_dl's): the
   * scaled encoders, encoders · gain / radius, so that J = scaled · x + bias and an optimiser step
   * moves a neuron's current as it does in nengo_dl (a nengo_dl learning rate carries over).
   * `"unit"`: the encoders themselves under a fixed gain / radius (J = gain / radius · (encoders ·
   * x) + bias), each step moving a current up to gain / radius times further. Either way
   * `getParameter`/`setParameter` speak the encoders the simulator runs (the scaled ones divided
   * back by gain / radius); gradients are of the parameter as trained.
   */
  readonly encoders?: EncoderParametrisation;
}

/** How an ensemble's encoders are trained: see `CompileOptions.encoders`. */
export type EncoderParametrisation = "scaled" | "unit";

/**
 * A network compiled for gradient training: time-unrolled over the data's steps, minibatched.
 * Parameters are addressed by name (never position). Not thread-safe; one minibatch at a time.
 */
export interface CompiledModel {
  /** The backend that computes it, when the engine has several (tfjs: `"tensorflow"`, `"wasm"`, `"cpu"`); the training report records it. */
  readonly backend?: string;
  /** Every learnable parameter, trainable or frozen, in a stable order. */
  readonly parameters: readonly ParameterInfo[];
  /** A copy of the parameter's current value (row-major). @throws TrainingError for an unknown name. */
  getParameter(name: string): Float64Array;
  /** Overwrites a parameter (trainable or not). @throws TrainingError for an unknown name or a wrong length. */
  setParameter(name: string, value: ArrayLike<number>): void;
  /** Mean loss over the batch (and steps, and output dims) and the gradients of every trainable parameter. */
  lossAndGradients(batch: BatchData): number;
  /**
   * The gradient of a trainable parameter from the last `lossAndGradients` (a copy), with respect
   * to the parameter as trained (scaled encoders by default: see `CompileOptions.encoders`).
   * @throws TrainingError for an unknown or frozen name.
   */
  gradient(name: string): Float64Array;
  /** Applies one optimiser step to the trainable parameters using the last gradients. */
  applyOptimizer(optimizer: OptimizerState): void;
  /** Loss in inference mode: spiking neurons run their real step (as the simulator does), rate types their rates. */
  evaluate(batch: BatchData): number;
  /** Outputs per output port, batch×steps×dims, inference mode. */
  predict(inputs: Readonly<Record<string, Float64Array>>, batchSize: number, steps: number): Record<string, Float64Array>;
  /** Frees the model's buffers (tfjs tensors); the model cannot be used afterwards. */
  dispose(): void;
}

/** Compiles networks into {@link CompiledModel}s. */
export interface Engine {
  readonly name: "typed" | "tfjs";
  /** @throws BuildError when the network uses something the engine cannot differentiate. */
  compile(net: Network, options?: CompileOptions): Promise<CompiledModel> | CompiledModel;
}
