import { describe, expect, it } from "vitest";
import { Rng } from "../../Rng.js";
import { f64At } from "../checked.js";
import { choleskyFactor, choleskySolve } from "./cholesky.js";
import { randomMatrix, randomSpd, relativeError } from "./testMatrices.js";

describe("choleskyFactor / choleskySolve", () => {
  const rng = new Rng(2);
  for (const n of [1, 2, 7, 33, 120]) {
    it(`reconstructs and solves a random SPD matrix (n = ${n})`, () => {
      const G = randomSpd(rng, n);
      const L = Float64Array.from(G);
      expect(choleskyFactor(L, n)).toBe(-1);
      // L Lᵀ = G on the lower triangle.
      const LLt = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let p = 0; p <= j; p++) s += f64At(L, i * n + p) * f64At(L, j * n + p);
          LLt[i * n + j] = s;
          LLt[j * n + i] = s;
        }
      }
      expect(relativeError(LLt, G)).toBeLessThan(1e-13);
      const d = 3;
      const Xtrue = randomMatrix(rng, n, d);
      const B = new Float64Array(n * d);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < d; c++) for (let p = 0; p < n; p++) B[i * d + c] = f64At(B, i * d + c) + f64At(G, i * n + p) * f64At(Xtrue, p * d + c);
      choleskySolve(L, n, B, d);
      expect(relativeError(B, Xtrue)).toBeLessThan(1e-9);
    });
  }

  it("reports the first non-positive pivot", () => {
    const G = Float64Array.of(4, 2, 0, 2, 1, 0, 0, 0, 1); // rank-deficient leading 2 × 2 block
    expect(choleskyFactor(G, 3)).toBe(1);
    expect(choleskyFactor(Float64Array.of(NaN), 1)).toBe(0);
  });
});
