// Minimum-norm least squares through the SVD, as numpy.linalg.lstsq computes it, but by
// QR-preconditioned one-sided Jacobi: a Householder QR with column pivoting reduces A (or Aᵀ when
// it is wide) to a small triangular R, whose SVD Jacobi finds in a few sweeps (rows of a pivoted R
// are graded, which is what makes one-sided Jacobi on Rᵀ converge fast; LAPACK's dgejsv does the
// same). Singular values come out with high relative accuracy.

import * as libm from "../../runtime/libm.js";
import { f64At, i32At } from "../checked.js";
import { thinSvd } from "./svd.js";

/** The SVD of A in the factored form least squares needs. */
export interface LstsqSvd {
  /** Singular values of A, descending (min(m, n) of them). */
  readonly s: Float64Array;
  /** X (n × d) = Σ_{j < rank} v_j (u_jᵀY) / s_j for Y (m × d). */
  solve(Y: Float64Array, d: number, rank: number): Float64Array;
}

/** SVD of the m × n row-major matrix A for least squares. A is not modified. */
export function lstsqSvd(A: Float64Array, m: number, n: number): LstsqSvd {
  const tall = m >= n;
  // Work on B = A (tall) or Aᵀ (wide): r × k with r ≥ k, stored column-major.
  const r = tall ? m : n;
  const k = tall ? n : m;
  const W = new Float64Array(r * k);
  if (tall) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) W[j * r + i] = f64At(A, i * n + j);
  } else {
    W.set(A.subarray(0, m * n));
  }
  const { tau, perm } = householderQrPivoted(W, r, k);
  // Rᵀ row-major (k × k): Rᵀ[i, j] = R[j, i] for j ≤ i.
  const Rt = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) Rt[i * k + j] = f64At(W, i * r + j);
  // Rᵀ = Σ us_j v_jᵀ, so R = Σ s_j v_j u_jᵀ with u_j = us_j / s_j.
  const { s, us, v } = thinSvd(Rt, k, k);

  const solve = (Y: Float64Array, d: number, rank: number): Float64Array => {
    const X = new Float64Array(n * d);
    const proj = new Float64Array(d);
    if (tall) {
      // B = A = Q R Pᵀ: X = P Σ_j us_j (v_jᵀ c) / s_j², c = (QᵀY)[0:k].
      const c = Float64Array.from(Y.subarray(0, m * d));
      applyQt(W, r, k, tau, c, d);
      for (let j = 0; j < rank; j++) {
        proj.fill(0);
        for (let i = 0; i < k; i++) {
          const vi = f64At(v, j * k + i);
          if (vi !== 0) for (let col = 0; col < d; col++) proj[col] = f64At(proj, col) + vi * f64At(c, i * d + col);
        }
        const s2 = f64At(s, j) * f64At(s, j);
        for (let i = 0; i < k; i++) {
          const u = f64At(us, j * k + i) / s2;
          const row = i32At(perm, i) * d;
          for (let col = 0; col < d; col++) X[row + col] = f64At(X, row + col) + u * f64At(proj, col);
        }
      }
    } else {
      // B = Aᵀ = Q R Pᵀ, A = P Rᵀ Qᵀ: X = Q [Σ_j v_j (us_jᵀ PᵀY) / s_j²; 0].
      const z = new Float64Array(r * d);
      for (let j = 0; j < rank; j++) {
        proj.fill(0);
        for (let i = 0; i < k; i++) {
          const u = f64At(us, j * k + i);
          const row = i32At(perm, i) * d;
          if (u !== 0) for (let col = 0; col < d; col++) proj[col] = f64At(proj, col) + u * f64At(Y, row + col);
        }
        const s2 = f64At(s, j) * f64At(s, j);
        for (let i = 0; i < k; i++) {
          const vi = f64At(v, j * k + i) / s2;
          for (let col = 0; col < d; col++) z[i * d + col] = f64At(z, i * d + col) + vi * f64At(proj, col);
        }
      }
      applyQ(W, r, k, tau, z, d);
      X.set(z);
    }
    return X;
  };
  return { s, solve };
}

/**
 * Householder QR with column pivoting of the r × k column-major W (r ≥ k), in place: R in the upper
 * triangle, the reflectors' vectors (with an implicit leading 1) below the diagonal. Returns the
 * reflectors' tau and the column order: column i of R·… is column perm[i] of the input.
 */
function householderQrPivoted(W: Float64Array, r: number, k: number): { tau: Float64Array; perm: Int32Array } {
  const tau = new Float64Array(k);
  const perm = Int32Array.from({ length: k }, (_, i) => i);
  const norms = new Float64Array(k);
  const exact = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    norms[j] = sumSq(W, j * r, r);
    exact[j] = f64At(norms, j);
  }
  for (let p = 0; p < k; p++) {
    let q = p;
    for (let j = p + 1; j < k; j++) if (f64At(norms, j) > f64At(norms, q)) q = j;
    if (q !== p) {
      for (let i = 0; i < r; i++) {
        const t = f64At(W, p * r + i);
        W[p * r + i] = f64At(W, q * r + i);
        W[q * r + i] = t;
      }
      [norms[p], norms[q]] = [f64At(norms, q), f64At(norms, p)];
      [exact[p], exact[q]] = [f64At(exact, q), f64At(exact, p)];
      [perm[p], perm[q]] = [i32At(perm, q), i32At(perm, p)];
    }
    // Reflector H = I − tau·v·vᵀ with H·W[p:r, p] = (beta, 0, …).
    const col = p * r;
    const alpha = f64At(W, col + p);
    const xnorm = Math.sqrt(sumSq(W, col + p + 1, r - p - 1));
    if (xnorm === 0) {
      tau[p] = 0;
    } else {
      const beta = -(alpha >= 0 ? 1 : -1) * libm.hypot(alpha, xnorm);
      tau[p] = (beta - alpha) / beta;
      const scale = 1 / (alpha - beta);
      for (let i = p + 1; i < r; i++) W[col + i] = f64At(W, col + i) * scale;
      W[col + p] = beta;
      for (let j = p + 1; j < k; j++) {
        const cj = j * r;
        let w = f64At(W, cj + p);
        for (let i = p + 1; i < r; i++) w += f64At(W, col + i) * f64At(W, cj + i);
        w *= f64At(tau, p);
        W[cj + p] = f64At(W, cj + p) - w;
        for (let i = p + 1; i < r; i++) W[cj + i] = f64At(W, cj + i) - w * f64At(W, col + i);
      }
    }
    // Downdate the remaining column norms; recompute those that cancellation has made unreliable.
    for (let j = p + 1; j < k; j++) {
      const x = f64At(W, j * r + p);
      norms[j] = f64At(norms, j) - x * x;
      if (f64At(norms, j) <= 1e-6 * f64At(exact, j)) {
        norms[j] = sumSq(W, j * r + p + 1, r - p - 1);
        exact[j] = f64At(norms, j);
      }
    }
  }
  return { tau, perm };
}

/** Y ← QᵀY for Y (r × d, row-major), Q = H_0 H_1 … H_{k−1} from `householderQrPivoted`. */
function applyQt(W: Float64Array, r: number, k: number, tau: Float64Array, Y: Float64Array, d: number): void {
  for (let p = 0; p < k; p++) reflect(W, r, p, f64At(tau, p), Y, d);
}

/** Y ← QY for Y (r × d, row-major). */
function applyQ(W: Float64Array, r: number, k: number, tau: Float64Array, Y: Float64Array, d: number): void {
  for (let p = k - 1; p >= 0; p--) reflect(W, r, p, f64At(tau, p), Y, d);
}

function reflect(W: Float64Array, r: number, p: number, t: number, Y: Float64Array, d: number): void {
  if (t === 0) return;
  const col = p * r;
  const w = Y.slice(p * d, p * d + d);
  for (let i = p + 1; i < r; i++) {
    const vi = f64At(W, col + i);
    if (vi !== 0) for (let c = 0; c < d; c++) w[c] = f64At(w, c) + vi * f64At(Y, i * d + c);
  }
  for (let c = 0; c < d; c++) {
    w[c] = f64At(w, c) * t;
    Y[p * d + c] = f64At(Y, p * d + c) - f64At(w, c);
  }
  for (let i = p + 1; i < r; i++) {
    const vi = f64At(W, col + i);
    if (vi !== 0) for (let c = 0; c < d; c++) Y[i * d + c] = f64At(Y, i * d + c) - vi * f64At(w, c);
  }
}

function sumSq(a: Float64Array, off: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += f64At(a, off + i) * f64At(a, off + i);
  return s;
}
