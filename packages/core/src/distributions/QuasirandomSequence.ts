import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At, i32At } from "../internal/checked.js";
import type { Rng } from "../Rng.js";
import * as libm from "../runtime/libm.js";
import { Distribution } from "./Distribution.js";
import { sampleShape } from "./sampleShape.js";

/**
 * A quasirandom (low-discrepancy) sequence on the unit cube [0, 1)^d (Nengo's
 * `nengo.dists.QuasirandomSequence`): Roberts' R_d sequence `z_i = (seed + i·α) mod 1` with
 * `α_j = φ_d^-j` (φ_d the unique positive root of x^(d+1) = x + 1), or for d = 1 the evenly
 * tiled `(seed + i/n) mod 1`. The random offset `seed` (uniform in [0, 1)^d) and a random
 * shuffle of the points, both from the rng, keep models heterogeneous.
 */
export class QuasirandomSequence extends Distribution {
  readonly kind = "QuasirandomSequence";

  constructor() {
    super();
    if (new.target === QuasirandomSequence) freezeParameters(this);
  }

  /**
   * φ_d by Newton-Raphson, as Nengo's `_phi`.
   * @throws ValidationError when it does not converge in 100 iterations.
   */
  static phi(d: number, tol = 1e-10): number {
    let x = 1;
    for (let it = 0; it < 100; it++) {
      const dx = (libm.pow(x, d + 1) - x - 1) / ((d + 1) * libm.pow(x, d) - 1);
      x -= dx;
      if (Math.abs(dx) < tol) return x;
    }
    throw new ValidationError({ object: "QuasirandomSequence", attr: "d", message: `'phi' computation did not converge for d=${d}` });
  }

  /** @throws ValidationError when `d < 1`. */
  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape("QuasirandomSequence", n, d);
    if (dd < 1) throw new ValidationError({ object: "QuasirandomSequence", attr: "d", message: `must be a positive integer (got ${dd})` });
    const seed = new Float64Array(dd);
    for (let j = 0; j < dd; j++) seed[j] = rng.uniform(0, 1);
    const z = new Float64Array(n * dd);
    if (dd === 1) {
      for (let i = 0; i < n; i++) z[i] = mod1(f64At(seed, 0) + (1 / n) * i);
    } else {
      const phiInv = 1 / QuasirandomSequence.phi(dd);
      const alpha = new Float64Array(dd);
      for (let j = 0; j < dd; j++) alpha[j] = libm.pow(phiInv, j + 1);
      for (let i = 0; i < n; i++) for (let j = 0; j < dd; j++) z[i * dd + j] = mod1(f64At(seed, j) + (i + 1) * f64At(alpha, j));
    }
    return shuffleRows(z, n, dd, rng);
  }

  override toString(): string {
    return "QuasirandomSequence()";
  }
}

/** Python's x % 1 for x >= 0 (in [0, 1)). */
function mod1(x: number): number {
  const r = x % 1;
  return r < 0 ? r + 1 : r;
}

/** The rows of `x` (n × d) in a random order (numpy's `rng.shuffle` along axis 0). */
export function shuffleRows(x: Float64Array, n: number, d: number, rng: Rng): Float64Array {
  const perm = rng.permutation(n);
  const out = new Float64Array(x.length);
  if (d === 1) {
    for (let i = 0; i < n; i++) out[i] = f64At(x, i32At(perm, i));
    return out;
  }
  for (let i = 0; i < n; i++) out.set(x.subarray(i32At(perm, i) * d, i32At(perm, i) * d + d), i * d);
  return out;
}
