// Random matrices for the linear-algebra unit tests.
import type { Rng } from "../../Rng.js";
import { f64At, numAt } from "../checked.js";

/** An m × n row-major matrix of standard normal draws. */
export function randomMatrix(rng: Rng, m: number, n: number): Float64Array {
  return rng.fillNormal(new Float64Array(m * n));
}

/** A random symmetric positive definite n × n matrix: BᵀB/n + shift·I. */
export function randomSpd(rng: Rng, n: number, shift = 0.1): Float64Array {
  const B = randomMatrix(rng, n + 3, n);
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n + 3; k++) s += f64At(B, k * n + i) * f64At(B, k * n + j);
      G[i * n + j] = s / n + (i === j ? shift : 0);
    }
  }
  return G;
}

/** Rectified-linear "activities": many exact zeros, like real tuning curves. */
export function randomActivities(rng: Rng, m: number, n: number): Float64Array {
  const A = new Float64Array(m * n);
  const gain = Float64Array.from({ length: n }, () => rng.uniform(50, 300));
  const bias = Float64Array.from({ length: n }, () => rng.uniform(-200, 200));
  const enc = Float64Array.from({ length: n }, () => (rng.random() < 0.5 ? -1 : 1));
  for (let k = 0; k < m; k++) {
    const x = -1 + (2 * k) / Math.max(1, m - 1);
    for (let i = 0; i < n; i++) A[k * n + i] = Math.max(0, f64At(gain, i) * f64At(enc, i) * x + f64At(bias, i) + rng.normal(0, 1));
  }
  return A;
}

/** max |a − b| / max |b|. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(numAt(a, i) - numAt(b, i)));
    den = Math.max(den, Math.abs(numAt(b, i)));
  }
  return den === 0 ? num : num / den;
}
