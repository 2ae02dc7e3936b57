import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { maxOf } from "../internal/linalg/dense.js";
import { NnlsL2, type NnlsL2Options } from "./NnlsL2.js";

/** Options of `NnlsL2nz`. */
export type NnlsL2nzOptions = NnlsL2Options;

/**
 * Non-negative least squares with L2 regularisation on non-zero components (Nengo's `NnlsL2nz`):
 * σ_j = reg · max(A) · sqrt(fraction of eval points where A[:, j] > 0), and σ_j = 1 for a neuron
 * that is never active (Nengo's choice), then as `NnlsL2`.
 */
export class NnlsL2nz extends NnlsL2 {
  override get kind(): string {
    return "NnlsL2nz";
  }

  /** @throws ValidationError when reg is negative or not finite. */
  constructor(options: NnlsL2nzOptions = {}) {
    super(options);
    if (new.target === NnlsL2nz) freezeParameters(this);
  }

  protected override sigma(A: Float64Array, m: number, n: number): Float64Array {
    const base = this.reg * maxOf(A);
    const counts = new Float64Array(n);
    for (let r = 0; r < m; r++) {
      const row = r * n;
      for (let j = 0; j < n; j++) if (f64At(A, row + j) > 0) counts[j] = f64At(counts, j) + 1;
    }
    const sigma = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      sigma[j] = base * Math.sqrt(f64At(counts, j) / m);
      if (sigma[j] === 0) sigma[j] = 1;
    }
    return sigma;
  }
}
