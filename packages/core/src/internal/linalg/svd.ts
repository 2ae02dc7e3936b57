// Thin singular value decomposition by one-sided Jacobi rotations (Hestenes), plain JS.

import { f64At } from "../checked.js";

/** A thin SVD A = U diag(s) Vᵀ with the singular values in descending order. */
export interface ThinSvd {
  /** Singular values, descending (length min(m, n)). */
  readonly s: Float64Array;
  /**
   * Left vectors scaled by their singular values, `min(m, n)` columns stored one after the other
   * (column-major, length m each): column k is s[k]·u_k. Scaled vectors stay exact for zero σ.
   */
  readonly us: Float64Array;
  /** Right vectors, `min(m, n)` columns stored one after the other (length n each). */
  readonly v: Float64Array;
}

const MAX_SWEEPS = 80;

/**
 * One-sided Jacobi SVD of the m × n row-major matrix A. Columns of A (or of Aᵀ when m < n) are
 * rotated until they are mutually orthogonal; their norms are then the singular values, which it
 * finds to high relative accuracy.
 */
export function thinSvd(A: Float64Array, m: number, n: number): ThinSvd {
  const tall = m >= n;
  // W holds k = min(m, n) columns of length r: the columns of A (tall) or of Aᵀ (wide).
  const k = tall ? n : m;
  const r = tall ? m : n;
  const W = new Float64Array(k * r);
  if (tall) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) W[j * r + i] = f64At(A, i * n + j);
  } else {
    W.set(A.subarray(0, m * n));
  }
  const V = new Float64Array(k * k);
  for (let j = 0; j < k; j++) V[j * k + j] = 1;
  const norms = new Float64Array(k);
  for (let j = 0; j < k; j++) norms[j] = sumSquares(W, j * r, r);

  // Rotate while the cosine between two columns exceeds √r·ε (LAPACK dgesvj's tolerance).
  const tol = Number.EPSILON * Math.sqrt(r);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const alpha = f64At(norms, p);
        const beta = f64At(norms, q);
        if (alpha === 0 || beta === 0) continue;
        let gamma = 0;
        const wp = p * r;
        const wq = q * r;
        for (let i = 0; i < r; i++) gamma += f64At(W, wp + i) * f64At(W, wq + i);
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(W, wp, wq, r, c, s);
        rotate(V, p * k, q * k, k, c, s);
        // The rotation moves t·γ between the squared norms; recompute a norm that this update
        // would make inaccurate (cancellation), as dgesvj does.
        const np = alpha - t * gamma;
        const nq = beta + t * gamma;
        norms[p] = np > 0.01 * alpha ? np : sumSquares(W, wp, r);
        norms[q] = nq > 0.01 * beta ? nq : sumSquares(W, wq, r);
      }
    }
    if (!rotated) break;
  }
  // Exact norms for the singular values.
  for (let j = 0; j < k; j++) norms[j] = sumSquares(W, j * r, r);

  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => f64At(norms, b) - f64At(norms, a));
  const s = new Float64Array(k);
  const us = new Float64Array(k * r);
  const v = new Float64Array(k * k);
  order.forEach((j, idx) => {
    s[idx] = Math.sqrt(f64At(norms, j));
    us.set(W.subarray(j * r, j * r + r), idx * r);
    v.set(V.subarray(j * k, j * k + k), idx * k);
  });
  if (tall) return { s, us, v };
  // Wide: the rotated columns are W = AᵀV with |W_j| = s_j, so A = Σ s_j V_j (W_j / s_j)ᵀ: A's left
  // vectors are V's columns and its right vectors are W's columns divided by s_j.
  const usA = new Float64Array(k * m);
  const vA = new Float64Array(k * n);
  for (let j = 0; j < k; j++) {
    const sj = f64At(s, j);
    for (let i = 0; i < m; i++) usA[j * m + i] = sj * f64At(v, j * k + i);
    if (sj > 0) for (let i = 0; i < n; i++) vA[j * n + i] = f64At(us, j * n + i) / sj;
  }
  return { s, us: usA, v: vA };
}

function sumSquares(a: Float64Array, off: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) {
    const x = f64At(a, off + i);
    s += x * x;
  }
  return s;
}

function rotate(a: Float64Array, p: number, q: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const x = f64At(a, p + i);
    const y = f64At(a, q + i);
    a[p + i] = c * x - s * y;
    a[q + i] = s * x + c * y;
  }
}
