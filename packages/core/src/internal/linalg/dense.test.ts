import { describe, expect, it } from "vitest";
import { Rng } from "../../Rng.js";
import { elemAt } from "../checked.js";
import { gramAAt, gramAtA, matMul, matTMul, maxAbsOf, maxOf, rmses } from "./dense.js";
import { randomActivities, randomMatrix, relativeError } from "./testMatrices.js";

function naiveProduct(A: Float64Array, m: number, k: number, B: Float64Array, n: number, transA: boolean): Float64Array {
  // C = op(A)·B with op(A) m × k.
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (transA ? elemAt(A, p * m + i) : elemAt(A, i * k + p)) * elemAt(B, p * n + j);
      C[i * n + j] = s;
    }
  }
  return C;
}

function transpose(A: Float64Array, m: number, n: number): Float64Array {
  const T = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j * m + i] = elemAt(A, i * n + j);
  return T;
}

describe("dense kernels", () => {
  const rng = new Rng(1);
  it("gramAtA and gramAAt match naive products and are symmetric", () => {
    for (const [m, n] of [
      [7, 5],
      [130, 70],
      [5, 9],
    ] as const) {
      const A = randomActivities(rng, m, n);
      const G = gramAtA(A, m, n);
      expect(relativeError(G, naiveProduct(A, n, m, A, n, true))).toBeLessThan(1e-14);
      const H = gramAAt(A, m, n);
      expect(relativeError(H, naiveProduct(A, m, n, transpose(A, m, n), m, false))).toBeLessThan(1e-14);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(G[i * n + j]).toBe(G[j * n + i]);
    }
  });

  it("matTMul, matMul and rmses", () => {
    const [m, n, d] = [40, 13, 3];
    const A = randomMatrix(rng, m, n);
    const B = randomMatrix(rng, m, d);
    expect(relativeError(matTMul(A, m, n, B, d), naiveProduct(A, n, m, B, d, true))).toBeLessThan(1e-14);
    const X = randomMatrix(rng, n, d);
    const AX = matMul(A, m, n, X, d);
    expect(relativeError(AX, naiveProduct(A, m, n, X, d, false))).toBeLessThan(1e-14);
    expect(Array.from(rmses(A, X, AX, m, n, d))).toEqual([0, 0, 0]);
    const shifted = AX.map((v, i) => v + (i % d === 1 ? 2 : 0));
    expect(rmses(A, X, shifted, m, n, d)[1]).toBeCloseTo(2, 12);
  });

  it("maxOf propagates NaN like numpy; maxAbsOf takes magnitudes", () => {
    expect(maxOf(Float64Array.of(-3, -1, -2))).toBe(-1);
    expect(maxOf(Float64Array.of(1, NaN, 2))).toBeNaN();
    expect(maxAbsOf(Float64Array.of(1, -4, 2))).toBe(4);
  });
});
