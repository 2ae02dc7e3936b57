import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { maxAbsOf } from "../internal/linalg/dense.js";
import { LstsqL2, type LstsqL2Options } from "./LstsqL2.js";

/** Options of `LstsqL2nz`. */
export type LstsqL2nzOptions = LstsqL2Options;

/**
 * Least squares with L2 regularisation on non-zero components (Nengo's `LstsqL2nz`): neuron j
 * gets σ_j = reg · max|A| · sqrt(fraction of eval points where A[:, j] ≠ 0); a neuron that is never
 * active gets the largest σ instead of 0. Then (AᵀA + m·diag(σ²)) X = AᵀY by Cholesky (never the
 * transposed form). `info.sigma` holds the σ_j.
 */
export class LstsqL2nz extends LstsqL2 {
  override get kind(): string {
    return "LstsqL2nz";
  }

  /** @throws ValidationError when reg is negative or not finite. */
  constructor(options: LstsqL2nzOptions = {}) {
    super(options);
    if (new.target === LstsqL2nz) freezeParameters(this);
  }

  protected override sigma(A: Float64Array, m: number, n: number): Float64Array {
    const base = this.reg * maxAbsOf(A);
    const counts = new Float64Array(n);
    for (let r = 0; r < m; r++) {
      const row = r * n;
      for (let j = 0; j < n; j++) if (Math.abs(f64At(A, row + j)) > 0) counts[j] = f64At(counts, j) + 1;
    }
    const sigma = new Float64Array(n);
    let largest = -Infinity;
    for (let j = 0; j < n; j++) {
      sigma[j] = base * Math.sqrt(f64At(counts, j) / m);
      largest = Math.max(largest, f64At(sigma, j));
    }
    for (let j = 0; j < n; j++) if (sigma[j] === 0) sigma[j] = largest;
    return sigma;
  }
}
