import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import type { Rng } from "../Rng.js";
import * as libm from "../runtime/libm.js";
import { betainc, betaincinv, betaln } from "./betaFunctions.js";
import { Distribution } from "./Distribution.js";
import { betaVariate } from "./randomVariates.js";
import { sampleShape } from "./sampleShape.js";

/**
 * The square root of a Beta(m/2, n/2) variable (Nengo's `nengo.dists.SqrtBeta`): the length of
 * an m-dimensional subvector of a random unit vector in n + m dimensions.
 */
export class SqrtBeta extends Distribution {
  readonly kind: string = "SqrtBeta";
  /** Number of the other dimensions (>= 0). */
  readonly n: number;
  /** Length of the subvector (>= 0). Default 1. */
  readonly m: number;

  /** @throws ValidationError when `n` or `m` is not an integer >= 0. */
  constructor(n: number, m = 1) {
    super();
    const object = new.target.name;
    for (const [attr, v] of [
      ["n", n],
      ["m", m],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) throw new ValidationError({ object, attr, message: `must be an integer >= 0 (got ${v})` });
    }
    this.n = n;
    this.m = m;
    if (new.target === SqrtBeta) freezeParameters(this);
  }

  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape(this.kind, n, d);
    const out = new Float64Array(n * dd);
    for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(betaVariate(this.m / 2, this.n / 2, rng));
    return out;
  }

  /** P(X <= x) for x in [0, 1]. */
  cdf(x: number): number {
    const sq = x * x;
    return sq < 1 ? betainc(this.m / 2, this.n / 2, sq) : 1;
  }

  /** The probability density at x in [0, 1]. */
  pdf(x: number): number {
    return (2 / libm.exp(betaln(0.5 * this.m, 0.5 * this.n))) * libm.pow(x, this.m - 1) * libm.pow(1 - x * x, 0.5 * this.n - 1);
  }

  /** The inverse CDF: the x in [0, 1] with P(X <= x) = y. */
  ppf(y: number): number {
    return Math.sqrt(betaincinv(this.m / 2, this.n / 2, y));
  }

  override toString(): string {
    return `SqrtBeta(n=${this.n}, m=${this.m})`;
  }
}
