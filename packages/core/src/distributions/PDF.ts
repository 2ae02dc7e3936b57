import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";
import { interp } from "../neurons/internal/numeric.js";
import type { Rng } from "../Rng.js";
import { Distribution } from "./Distribution.js";
import { sampleShape } from "./sampleShape.js";

function finiteList(attr: string, values: ArrayLike<number>): Float64Array {
  if (typeof values !== "object" || values === null || typeof values.length !== "number" || values.length === 0) {
    throw new ValidationError({ object: "PDF", attr, message: `must be a non-empty array of numbers (got ${showValue(values)})` });
  }
  const out = Float64Array.from(values);
  for (const v of out) if (!Number.isFinite(v)) throw new ValidationError({ object: "PDF", attr, message: `must hold finite numbers (got ${showValue(v)})` });
  return out;
}

/**
 * An arbitrary distribution given by its probabilities `p` at points `x` (Nengo's
 * `nengo.dists.PDF`): a draw is a uniform number mapped through the interpolated inverse of the
 * cumulative distribution (`numpy.interp(u, cdf, x)`, the cdf taken at the midpoints of the
 * cumulative sums, as Nengo). `p` must sum to one (within 1e-8).
 */
export class PDF extends Distribution {
  readonly kind = "PDF";
  /** The points (interpolated between). */
  readonly x: Float64Array;
  /** The probability of each point. */
  readonly p: Float64Array;
  /** The cumulative probability at each point (midpoints of the cumulative sums). */
  readonly cdf: Float64Array;

  /** @throws ValidationError when `p` does not sum to one, `x` and `p` differ in length, or an entry is not finite. */
  constructor(x: ArrayLike<number>, p: ArrayLike<number>) {
    super();
    const ps = finiteList("p", p);
    const sum = ps.reduce((s, v) => s + v, 0);
    if (Math.abs(sum - 1) > 1e-8) throw new ValidationError({ object: "PDF", attr: "p", message: `PDF must sum to one (sums to ${sum.toFixed(6)})` });
    this.x = finiteList("x", x);
    this.p = ps;
    if (this.x.length !== ps.length) {
      throw new ValidationError({ object: "PDF", attr: "p", message: `\`x\` and \`p\` must be the same length (got ${this.x.length} and ${ps.length})` });
    }
    // Nengo: cumsum = 0.5 · cumsum(p); cdf[i] = cumsum[i - 1] + cumsum[i]
    const half = new Float64Array(ps.length);
    let c = 0;
    for (let i = 0; i < ps.length; i++) {
      c += f64At(ps, i);
      half[i] = 0.5 * c;
    }
    this.cdf = half.map((v, i) => (i === 0 ? v : f64At(half, i - 1) + v));
    if (new.target === PDF) freezeParameters(this);
  }

  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const u = new Float64Array(n * sampleShape("PDF", n, d));
    for (let i = 0; i < u.length; i++) u[i] = rng.random();
    return interp(u, this.cdf, this.x);
  }

  override toString(): string {
    return `PDF(points=${this.x.length})`;
  }
}
