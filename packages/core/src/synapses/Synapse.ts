import { FrozenObject } from "../FrozenObject.js";

/**
 * A discrete state-space filter `x[k] = A x[k-1] + B u[k]`, `y[k] = C x[k] (+ D u[k])` for one
 * channel, the form Nengo's LinearFilter steps in (see `stepKind`). Matrices are row-major.
 */
export interface DiscreteFilter {
  /** Number of states (0 for a pure gain, such as Lowpass(0) after discretisation). */
  readonly order: number;
  readonly a: Float64Array; // order × order
  readonly b: Float64Array; // order
  readonly c: Float64Array; // order
  readonly d: number;
  /**
   * Which of Nengo's LinearFilter steps applies:
   * - `noX`: y = D u (no state)
   * - `oneX`: one state, x = A x + B u, y = C x  (D must be 0)
   * - `noD`: several states, x = A x + B u, y = C x (D = 0)
   * - `general`: y = C x + D u, then x = A x + B u
   */
  readonly stepKind: "noX" | "oneX" | "noD" | "general";
}

/**
 * Steps a filter over `dims` independent channels, keeping its state in a Float64Array of
 * `stateSize` entries (given, e.g. a view into the simulator's arena, or allocated). Allocates
 * nothing per step.
 */
export interface FilterStepper {
  readonly dims: number;
  readonly state: Float64Array;
  /** Reads `input` (length dims), writes `output` (length dims). */
  step(input: Float64Array, output: Float64Array): void;
  /** Sets the state so that the output starts at `y0` (default 0). */
  reset(y0?: ArrayLike<number>): void;
}

/** A synapse (Nengo's `Synapse`): a linear filter applied to a connection or probe. */
export abstract class Synapse extends FrozenObject {
  protected override get frozenFamily(): string {
    return "a synapse";
  }

  abstract readonly kind: string;

  /** The filter discretised for time step `dt` (seconds). */
  abstract discretize(dt: number): DiscreteFilter;

  /** The state size per channel for `dt`. */
  stateSize(dt: number): number {
    return this.discretize(dt).order;
  }

  /** A stepper over `dims` channels; `state` (length stateSize(dt)·dims) is allocated when omitted. */
  abstract makeStepper(dt: number, dims: number, state?: Float64Array): FilterStepper;

  /**
   * Filters `u` (`nSteps × dims`, row-major) as Nengo's `synapse.filt(u, dt, y0)`: output k is the
   * k-th call of the step (no extra delay: the simulator's one-step delay comes from the builder).
   */
  filt(u: Float64Array, dims: number, dt: number, y0?: ArrayLike<number>): Float64Array {
    const steps = u.length / dims;
    const out = new Float64Array(u.length);
    const stepper = this.makeStepper(dt, dims);
    stepper.reset(y0);
    for (let k = 0; k < steps; k++) {
      stepper.step(u.subarray(k * dims, (k + 1) * dims), out.subarray(k * dims, (k + 1) * dims));
    }
    return out;
  }

  /**
   * Runs the filter on `u` (`nSteps × dims`) from rest, as Nengo's `synapse.apply(u, dt=dt)`
   * (a synapse is a process there): the same as {@link filt} with y0 = 0.
   */
  apply(u: Float64Array, dims: number, dt = 0.001): Float64Array {
    return this.filt(u, dims, dt);
  }

  /**
   * Zero-phase filtering (Nengo's `filtfilt`): filters `u` forward as {@link filt}, then the
   * result backward with the same filter, continuing from the state the forward pass left.
   */
  filtfilt(u: Float64Array, dims: number, dt: number, y0?: ArrayLike<number>): Float64Array {
    const steps = u.length / dims;
    const out = new Float64Array(u.length);
    const stepper = this.makeStepper(dt, dims);
    stepper.reset(y0);
    for (let k = 0; k < steps; k++) stepper.step(u.subarray(k * dims, (k + 1) * dims), out.subarray(k * dims, (k + 1) * dims));
    const row = new Float64Array(dims);
    for (let k = steps - 1; k >= 0; k--) {
      row.set(out.subarray(k * dims, (k + 1) * dims));
      stepper.step(row, out.subarray(k * dims, (k + 1) * dims));
    }
    return out;
  }
}

/** What a connection or probe accepts as its synapse: a Synapse, a Lowpass time constant, or null. */
export type SynapseLike = Synapse | number | null;
