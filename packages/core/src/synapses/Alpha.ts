import { freezeParameters } from "../FrozenObject.js";
import { checkTau } from "./checkDt.js";
import { LinearFilter } from "./LinearFilter.js";

/**
 * The alpha-function synapse (Nengo's `nengo.synapses.Alpha`), impulse response
 * `(t / tau²) exp(-t / tau)`: `LinearFilter([1], [tau², 2 tau, 1])`, two states ({@link NoD}).
 */
export class Alpha extends LinearFilter {
  override readonly kind: string = "Alpha";
  /** Time constant in seconds (>= 0); frozen: assigning it throws a ValidationError, as in Nengo. */
  declare readonly tau: number;

  /** @throws ValidationError when `tau` is negative or not finite. */
  constructor(tau: number) {
    checkTau("Alpha", "tau", tau);
    super([1], [tau ** 2, 2 * tau, 1]);
    this.tau = tau;
    if (new.target === Alpha) freezeParameters(this);
  }

  /** A tau far below dt (even 5e-324) steps as no filter, the limit of a -> 0, b -> 1. */
  protected override passesThroughInLimit(): boolean {
    return true;
  }

  override toString(): string {
    return `Alpha(${this.tau})`;
  }
}
