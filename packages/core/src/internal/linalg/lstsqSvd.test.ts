import { describe, expect, it } from "vitest";
import { Rng } from "../../Rng.js";
import { f64At } from "../checked.js";
import { lstsqSvd } from "./lstsqSvd.js";
import { thinSvd } from "./svd.js";
import { randomActivities, randomMatrix, relativeError } from "./testMatrices.js";

/** Σ_{j < rank} v_j (u_jᵀY)/s_j straight from the unpreconditioned Jacobi SVD of A. */
function directSolve(A: Float64Array, m: number, n: number, Y: Float64Array, d: number, rank: number): Float64Array {
  const { s, us, v } = thinSvd(A, m, n);
  const X = new Float64Array(n * d);
  for (let j = 0; j < rank; j++) {
    for (let c = 0; c < d; c++) {
      let p = 0;
      for (let r = 0; r < m; r++) p += f64At(us, j * m + r) * f64At(Y, r * d + c);
      p /= f64At(s, j) * f64At(s, j);
      for (let i = 0; i < n; i++) X[i * d + c] = f64At(X, i * d + c) + f64At(v, j * n + i) * p;
    }
  }
  return X;
}

describe("lstsqSvd (QR-preconditioned Jacobi)", () => {
  const rng = new Rng(13);
  for (const [m, n] of [
    [40, 12],
    [12, 40],
    [30, 30],
    [200, 80],
  ] as const) {
    it(`matches the plain Jacobi SVD's singular values and solutions (${m} × ${n})`, () => {
      const A = m === 200 ? randomActivities(rng, m, n) : randomMatrix(rng, m, n);
      // Make it rank deficient: a repeated column (tall) or row (wide).
      if (m >= n) for (let r = 0; r < m; r++) A[r * n + 5] = f64At(A, r * n + 2);
      else for (let c = 0; c < n; c++) A[5 * n + c] = f64At(A, 2 * n + c);
      const Y = randomMatrix(rng, m, 2);
      const { s, solve } = lstsqSvd(A, m, n);
      const ref = thinSvd(A, m, n);
      expect(relativeError(s, ref.s)).toBeLessThan(1e-13);
      let rank = 0;
      while (rank < s.length && f64At(s, rank) > 0.01 * f64At(s, 0)) rank++;
      expect(rank).toBeLessThan(Math.min(m, n));
      expect(relativeError(solve(Y, 2, rank), directSolve(A, m, n, Y, 2, rank))).toBeLessThan(1e-10);
    });
  }
});
