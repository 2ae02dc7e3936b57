import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import type { Rng } from "../Rng.js";
import { Choice } from "./Choice.js";
import { SubvectorLength } from "./SubvectorLength.js";
import { sampleShape } from "./sampleShape.js";

/**
 * The cosine similarity (dot product) of two random unit vectors in `dimensions` dimensions
 * (Nengo's `nengo.dists.CosineSimilarity`): a random sign times SubvectorLength(dimensions).
 * Equivalently one coordinate of a random unit vector; `CosineSimilarity(d + 2)` is one coordinate
 * of a uniform point in the d-ball. `ppf(1 - p)` is the intercept at which a neuron fires for a
 * fraction p of random unit inputs.
 */
export class CosineSimilarity extends SubvectorLength {
  override readonly kind: string = "CosineSimilarity";

  constructor(dimensions: number) {
    super(dimensions);
    if (new.target === CosineSimilarity) freezeParameters(this);
  }

  override sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape(this.kind, n, d);
    const sign = new Choice([1, -1]).sample(n * dd, 1, rng);
    const x = super.sample(n, dd, rng);
    for (let i = 0; i < x.length; i++) x[i] = f64At(sign, i) * f64At(x, i);
    return x;
  }

  override cdf(x: number): number {
    return (super.cdf(x) * Math.sign(x) + 1) / 2;
  }

  override pdf(x: number): number {
    return super.pdf(x) / 2;
  }

  override ppf(y: number): number {
    const x = super.ppf(Math.abs(y * 2 - 1));
    return y > 0.5 ? x : -x;
  }

  override toString(): string {
    return `CosineSimilarity(dimensions=${this.dimensions})`;
  }
}
