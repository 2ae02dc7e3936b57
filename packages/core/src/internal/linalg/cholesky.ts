// Plain-JS Cholesky factorisation and solves on row-major matrices (the reference path).

import { f64At } from "../checked.js";

/**
 * Factors the symmetric positive definite n × n matrix G = L Lᵀ in place (row-major; the lower
 * triangle receives L, the strict upper triangle is left as it was). Reads only the lower triangle.
 * Returns -1 on success, or the index of the first pivot that is not positive (or is NaN).
 */
export function choleskyFactor(G: Float64Array, n: number): number {
  // Row-oriented (Cholesky–Banachiewicz): each entry is a contiguous dot product of two rows.
  for (let i = 0; i < n; i++) {
    const gi = i * n;
    for (let j = 0; j <= i; j++) {
      const gj = j * n;
      let s = f64At(G, gi + j);
      for (let p = 0; p < j; p++) s -= f64At(G, gi + p) * f64At(G, gj + p);
      if (j === i) {
        if (!(s > 0)) return i;
        G[gi + i] = Math.sqrt(s);
      } else {
        G[gi + j] = s / f64At(G, gj + j);
      }
    }
  }
  return -1;
}

/** Solves L Lᵀ X = B in place (B is n × d, row-major) given the factor from `choleskyFactor`. */
export function choleskySolve(L: Float64Array, n: number, B: Float64Array, d: number): void {
  // Forward: L Z = B.
  for (let i = 0; i < n; i++) {
    const li = i * n;
    const bi = i * d;
    for (let p = 0; p < i; p++) {
      const l = f64At(L, li + p);
      if (l === 0) continue;
      const bp = p * d;
      for (let c = 0; c < d; c++) B[bi + c] = f64At(B, bi + c) - l * f64At(B, bp + c);
    }
    const diag = f64At(L, li + i);
    for (let c = 0; c < d; c++) B[bi + c] = f64At(B, bi + c) / diag;
  }
  // Backward: Lᵀ X = Z.
  for (let i = n - 1; i >= 0; i--) {
    const bi = i * d;
    for (let p = i + 1; p < n; p++) {
      const l = f64At(L, p * n + i);
      if (l === 0) continue;
      const bp = p * d;
      for (let c = 0; c < d; c++) B[bi + c] = f64At(B, bi + c) - l * f64At(B, bp + c);
    }
    const diag = f64At(L, i * n + i);
    for (let c = 0; c < d; c++) B[bi + c] = f64At(B, bi + c) / diag;
  }
}
