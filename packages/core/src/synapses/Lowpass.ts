import { freezeParameters } from "../FrozenObject.js";
import { checkTau } from "./checkDt.js";
import { LinearFilter } from "./LinearFilter.js";

/**
 * The standard first-order lowpass synapse (Nengo's `nengo.synapses.Lowpass`), impulse response
 * `exp(-t / tau) / tau`: `LinearFilter([1], [tau, 1])`. Discretised with zero-order hold it steps
 * `y[k] = a y[k-1] + (1 - a) u[k]` with `a = exp(-dt / tau)` ({@link OneX}). `tau = 0` is a pure
 * gain of 1 (no state); on a connection or probe the simulator's update-phase delay then makes it
 * a one-step delay.
 */
export class Lowpass extends LinearFilter {
  override readonly kind: string = "Lowpass";
  /** Time constant in seconds (>= 0); frozen: assigning it throws a ValidationError, as in Nengo. */
  declare readonly tau: number;

  /** @throws ValidationError when `tau` is negative or not finite. */
  constructor(tau: number) {
    super([1], [checkTau("Lowpass", "tau", tau), 1]);
    this.tau = tau;
    if (new.target === Lowpass) freezeParameters(this);
  }

  /** A tau far below dt (even 5e-324) steps as no filter, the limit of a -> 0, b -> 1. */
  protected override passesThroughInLimit(): boolean {
    return true;
  }

  override toString(): string {
    return `Lowpass(${this.tau})`;
  }
}
