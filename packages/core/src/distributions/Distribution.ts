import { FrozenObject } from "../FrozenObject.js";
import type { Rng } from "../Rng.js";

/**
 * A probability distribution to draw parameters from (Nengo's `nengo.dists`).
 * `sample(n, d, rng)` returns `n` draws of dimension `d` as a row-major `n × d` Float64Array
 * (`d` defaults to 1). Every draw comes from the `rng` passed in.
 */
export abstract class Distribution extends FrozenObject {
  protected override get frozenFamily(): string {
    return "a distribution";
  }

  abstract readonly kind: string;
  abstract sample(n: number, d: number | undefined, rng: Rng): Float64Array;

  /**
   * Writes `n × d` draws into `out` (its first n·d entries) and returns it: the same draws as
   * `sample`. Element-wise distributions (Uniform, Gaussian) override it to allocate nothing, so
   * per-step users such as WhiteNoise can draw without garbage.
   */
  sampleInto(out: Float64Array, n: number, d: number | undefined, rng: Rng): Float64Array {
    out.set(this.sample(n, d, rng));
    return out;
  }
}

/** A parameter given either as fixed values or as a distribution to draw them from. */
export type DistOrArray = Distribution | number | ArrayLike<number> | ArrayLike<ArrayLike<number>>;
