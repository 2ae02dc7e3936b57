import type { Distribution } from "../distributions/Distribution.js";

/** Gains and biases of a population (one entry per neuron). */
export interface GainBias {
  readonly gain: Float64Array;
  readonly bias: Float64Array;
}

/** Max rates (Hz) and intercepts of a population (one entry per neuron). */
export interface MaxRatesIntercepts {
  readonly maxRates: Float64Array;
  readonly intercepts: Float64Array;
}

/**
 * The state a neuron type keeps besides its output, by name (Nengo's names in camelCase:
 * `voltage`, `refractoryTime`, `adaptation`), each with its default initial value: a number, or a
 * distribution drawn once per neuron from the ensemble's seeded generator at build.
 */
export type NeuronStateSpec = Readonly<Record<string, number | Distribution>>;

/**
 * A neuron model (Nengo's `NeuronType`). Frontend only: it holds parameters, computes rate curves
 * and gain/bias, and exposes an in-place, allocation-free `step` that the simulator calls on views
 * into its arena.
 */
export abstract class NeuronType {
  /** The class name, as Nengo spells it (`"LIF"`, `"Sigmoid"`, ...). */
  abstract readonly kind: string;
  /** True when `step` emits spikes (of height amplitude/dt) rather than rates. */
  abstract readonly spiking: boolean;
  /** True when rates can be negative (Tanh). */
  readonly negative: boolean = false;
  /** Initial state per variable, overriding `stateSpec` where given. */
  readonly initialState: Readonly<Record<string, number | Distribution | ArrayLike<number>>>;

  constructor(options: { initialState?: Readonly<Record<string, number | Distribution | ArrayLike<number>>> } = {}) {
    this.initialState = options.initialState ?? {};
  }

  /** State variables and their default initial values; `{}` for stateless types. */
  abstract get stateSpec(): NeuronStateSpec;

  /** Input current J = gain · x + bias, for `x` of shape `nPoints × nNeurons` (row-major). */
  current(x: Float64Array, gain: Float64Array, bias: Float64Array): Float64Array {
    const n = gain.length;
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = gain[i % n]! * x[i]! + bias[i % n]!;
    return out;
  }

  /** Firing rates (Hz) for `x` of shape `nPoints × nNeurons` (row-major), as Nengo's `rates`. */
  rates(x: Float64Array, gain: Float64Array, bias: Float64Array): Float64Array {
    const j = this.current(x, gain, bias);
    const out = new Float64Array(j.length);
    this.rateFromCurrent(j, out);
    return out;
  }

  /** Rates for currents `j`, written into `out` (same length). */
  abstract rateFromCurrent(j: Float64Array, out: Float64Array): void;

  /**
   * Gain and bias that give each neuron the max rate (Hz) and intercept asked for.
   * @throws ValidationError when a max rate is not below the type's limit (e.g. 1/tauRef).
   */
  abstract gainBias(maxRates: Float64Array, intercepts: Float64Array): GainBias;

  /** The inverse of `gainBias`. */
  abstract maxRatesIntercepts(gain: Float64Array, bias: Float64Array): MaxRatesIntercepts;

  /**
   * Advances every neuron by `dt` with input current `j`, writing `output` and updating `state`
   * in place (each state array has one entry per neuron). Allocates nothing.
   */
  abstract step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void;
}
