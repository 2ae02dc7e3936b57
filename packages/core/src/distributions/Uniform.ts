import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import { Distribution } from "./Distribution.js";
import { requireFinite, sampleShape } from "./sampleShape.js";

/**
 * A uniform distribution on [low, high) (Nengo's `nengo.dists.Uniform`). With `integer`, draws
 * integers in [low, high) (numpy's `randint`), and `low`, `high` must be integers.
 */
export class Uniform extends Distribution {
  readonly kind = "Uniform";
  readonly low: number;
  readonly high: number;
  /** Draw integers in [low, high) instead of reals. Default false. */
  readonly integer: boolean;

  /**
   * @param low Lower bound (inclusive).
   * @param high Upper bound (exclusive).
   * @throws ValidationError when a bound is not finite, or with `integer`, not an integer or
   *   `high <= low`.
   */
  constructor(low: number, high: number, options: { integer?: boolean } = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.low = requireFinite("Uniform", "low", low);
    this.high = requireFinite("Uniform", "high", high);
    this.integer = opts.integer ?? false;
    if (this.integer) {
      if (!Number.isInteger(low) || !Number.isInteger(high)) {
        throw new ValidationError({
          object: "Uniform",
          attr: "low",
          message: `integer sampling needs integer bounds (got low ${low}, high ${high})`,
        });
      }
      if (high <= low) {
        throw new ValidationError({
          object: "Uniform",
          attr: "high",
          message: `integer sampling needs high > low (got low ${low}, high ${high})`,
        });
      }
    }
    if (new.target === Uniform) freezeParameters(this);
  }

  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape("Uniform", n, d);
    return this.sampleInto(new Float64Array(n * dd), n, dd, rng);
  }

  override sampleInto(out: Float64Array, n: number, d: number | undefined, rng: Rng): Float64Array {
    const size = n * (d ?? 1);
    const { low, high } = this;
    if (this.integer) {
      const span = high - low;
      for (let i = 0; i < size; i++) out[i] = low + rng.integer(span);
    } else {
      for (let i = 0; i < size; i++) out[i] = rng.uniform(low, high);
    }
    return out;
  }

  override toString(): string {
    return `Uniform(low=${this.low}, high=${this.high}${this.integer ? ", integer=true" : ""})`;
  }
}
