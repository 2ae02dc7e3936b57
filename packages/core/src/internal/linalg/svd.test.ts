import { describe, expect, it } from "vitest";
import { Rng } from "../../Rng.js";
import { f64At } from "../checked.js";
import { thinSvd } from "./svd.js";
import { randomActivities, randomMatrix, relativeError } from "./testMatrices.js";

describe("thinSvd (one-sided Jacobi)", () => {
  const rng = new Rng(3);
  for (const [m, n] of [
    [30, 8],
    [8, 30],
    [25, 25],
    [60, 20],
  ] as const) {
    it(`reconstructs A = U S Vᵀ with orthonormal V (${m} × ${n})`, () => {
      const A = m === 60 ? randomActivities(rng, m, n) : randomMatrix(rng, m, n);
      const { s, us, v } = thinSvd(A, m, n);
      const k = Math.min(m, n);
      expect(s.length).toBe(k);
      for (let j = 1; j < k; j++) expect(f64At(s, j)).toBeLessThanOrEqual(f64At(s, j - 1));
      const R = new Float64Array(m * n);
      for (let j = 0; j < k; j++)
        for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) R[r * n + c] = f64At(R, r * n + c) + f64At(us, j * m + r) * f64At(v, j * n + c);
      expect(relativeError(R, A)).toBeLessThan(1e-13);
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += f64At(v, a * n + i) * f64At(v, b * n + i);
          expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
    });
  }

  it("finds exact zero singular values of a rank-deficient matrix", () => {
    // Two identical columns: rank 2 of 3.
    const A = Float64Array.of(1, 2, 1, 3, 4, 3, 5, 7, 5, 0, 1, 0);
    const { s } = thinSvd(A, 4, 3);
    expect(f64At(s, 2) / f64At(s, 0)).toBeLessThan(1e-15);
  });
});
