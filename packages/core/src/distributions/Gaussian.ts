import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import type { Rng } from "../Rng.js";
import { Distribution } from "./Distribution.js";
import { requireFinite, sampleShape } from "./sampleShape.js";

/** A normal distribution (Nengo's `nengo.dists.Gaussian`). */
export class Gaussian extends Distribution {
  readonly kind = "Gaussian";
  readonly mean: number;
  /** Standard deviation (> 0). */
  readonly std: number;

  /** @throws ValidationError when `mean` is not finite or `std` is not a finite number > 0. */
  constructor(mean: number, std: number) {
    super();
    this.mean = requireFinite("Gaussian", "mean", mean);
    this.std = requireFinite("Gaussian", "std", std);
    if (!(std > 0)) throw new ValidationError({ object: "Gaussian", attr: "std", message: `must be > 0 (got ${std})` });
    if (new.target === Gaussian) freezeParameters(this);
  }

  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape("Gaussian", n, d);
    return this.sampleInto(new Float64Array(n * dd), n, dd, rng);
  }

  override sampleInto(out: Float64Array, n: number, d: number | undefined, rng: Rng): Float64Array {
    const size = n * (d ?? 1);
    const { mean, std } = this;
    for (let i = 0; i < size; i++) out[i] = rng.normal(mean, std);
    return out;
  }

  override toString(): string {
    return `Gaussian(mean=${this.mean}, std=${this.std})`;
  }
}
