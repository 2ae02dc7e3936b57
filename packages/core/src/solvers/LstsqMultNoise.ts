import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import type { Rng } from "../Rng.js";
import { LstsqNoise, type LstsqNoiseOptions } from "./LstsqNoise.js";

/**
 * Least squares with multiplicative white noise (Nengo's `LstsqMultNoise`): A + N(0, noise²)·A,
 * drawn from the `rng` passed to `solve` in row-major order, then as `LstsqNoise`.
 */
export class LstsqMultNoise extends LstsqNoise {
  override get kind(): string {
    return "LstsqMultNoise";
  }

  /** @throws ValidationError when noise is negative or not finite. */
  constructor(options: LstsqNoiseOptions = {}) {
    super(options);
    if (new.target === LstsqMultNoise) freezeParameters(this);
  }

  protected override perturb(A: Float64Array, rng: Rng): Float64Array {
    const out = new Float64Array(A.length);
    for (let i = 0; i < A.length; i++) out[i] = f64At(A, i) + rng.normal(0, this.noise) * f64At(A, i);
    return out;
  }
}
