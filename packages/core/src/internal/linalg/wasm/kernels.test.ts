import { describe, expect, it } from "vitest";
import { Rng } from "../../../Rng.js";
import { elemAt } from "../../checked.js";
import { choleskyFactor } from "../cholesky.js";
import { randomMatrix, randomSpd, relativeError } from "../testMatrices.js";
import { WasmSession } from "./WasmSession.js";

// Each kernel against a direct JS computation, on awkward sizes and offsets.
describe("WebAssembly kernels", () => {
  const rng = new Rng(11);
  const session = WasmSession.open(1 << 24, 1);
  if (session === null) {
    // These machines have both: a missing engine fails, never skips silently.
    it("needs WebAssembly SIMD and shared memory", () => {
      expect.fail("WasmSession.open returned null: this runtime lacks WebAssembly SIMD or shared memory, so the kernels cannot be checked");
    });
    return;
  }
  const f = session.f64;
  const pack = (off: number, P: Float64Array, kc: number, width: number): void => {
    for (let k = 0; k < kc; k++) for (let i = 0; i < width; i++) f[off + ((i >> 3) * kc + k) * 8 + (i & 7)] = elemAt(P, k * width + i);
  };

  it("ppTiles: lower triangle of PᵀP, and PᵀQ, adding or subtracting", () => {
    for (const [kc, N, Dq, mc] of [
      [1, 8, 8, 128],
      [5, 24, 16, 8],
      [37, 64, 24, 16],
    ] as const) {
      const P = randomMatrix(rng, kc, N);
      const Q = randomMatrix(rng, kc, Dq);
      const [pOff, qOff, gOff, bOff] = [64, 64 + kc * N + 8, 64 + kc * (N + Dq) + 16, 64 + kc * (N + Dq) + 16 + N * N];
      pack(pOff, P, kc, N);
      pack(qOff, Q, kc, Dq);
      const G0 = randomMatrix(rng, N, N);
      const B0 = randomMatrix(rng, N, Dq);
      f.set(G0, gOff);
      f.set(B0, bOff);
      session.call("ppTiles", pOff * 8, pOff * 8, kc, 0, N, N / 8, gOff * 8, N * 8, 1, 1, mc);
      session.call("ppTiles", pOff * 8, qOff * 8, kc, 2, N, Dq / 8, bOff * 8, Dq * 8, 0, 0, mc);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let k = 0; k < kc; k++) s += elemAt(P, k * N + i) * elemAt(P, k * N + j);
          expect(f[gOff + i * N + j]).toBeCloseTo(elemAt(G0, i * N + j) - s, 12);
        }
        for (let c = 0; c < Dq; c++) {
          let s = 0;
          for (let k = 0; k < kc; k++) s += elemAt(P, k * N + i) * elemAt(Q, k * Dq + c);
          expect(f[bOff + i * Dq + c]).toBeCloseTo(elemAt(B0, i * Dq + c) + (i >= 2 ? s : 0), 12);
        }
      }
    }
  });

  it("gemmTiles: C ± X·Y with strided operands, in passes of kb terms", () => {
    const [rows, K, cols, ldx, ldy, ldc] = [6, 45, 16, 50, 24, 20];
    const X = randomMatrix(rng, rows, ldx);
    const Yb = randomMatrix(rng, K, ldy);
    const C0 = randomMatrix(rng, rows, ldc);
    const [xOff, yOff, cOff] = [64, 64 + rows * ldx, 64 + rows * ldx + K * ldy];
    f.set(X, xOff);
    f.set(Yb, yOff);
    f.set(C0, cOff);
    session.call("gemmTiles", xOff * 8, ldx * 8, 8, yOff * 8, ldy * 8, K, rows, cols / 8, cOff * 8, ldc * 8, 1, 16);
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < ldc; c++) {
        let s = 0;
        if (c < cols) for (let p = 0; p < K; p++) s += elemAt(X, i * ldx + p) * elemAt(Yb, p * ldy + c);
        expect(f[cOff + i * ldc + c]).toBeCloseTo(elemAt(C0, i * ldc + c) - s, 12);
      }
    }
  });

  it("potf2 factors like the JS reference and reports a bad pivot", () => {
    const n = 37;
    const ld = 40;
    const G = randomSpd(rng, n);
    for (let i = 0; i < n; i++) f.set(G.subarray(i * n, i * n + n), 64 + i * ld);
    expect(session.call("potf2", 64 * 8, ld * 8, n)).toBe(-1);
    const L = Float64Array.from(G);
    choleskyFactor(L, n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) expect(f[64 + i * ld + j]).toBeCloseTo(elemAt(L, i * n + j), 13);
    f.set([1, 2, 2, 1], 64); // [[1, 2], [2, 1]] is indefinite
    expect(session.call("potf2", 64 * 8, 2 * 8, 2)).toBe(1);
  });

  it("trsmRows and the block triangular solves", () => {
    const nb = 13;
    const G = randomSpd(rng, nb);
    const L = Float64Array.from(G);
    choleskyFactor(L, nb);
    for (let i = 0; i < nb; i++) for (let j = 0; j < nb; j++) if (j > i) L[i * nb + j] = 0;
    const ld = 16;
    for (let i = 0; i < nb; i++) f.set(L.subarray(i * nb, i * nb + nb), 64 + i * ld);
    // Rows x with x·Lᵀ = r.
    const rows = 5;
    const R = randomMatrix(rng, rows, nb);
    const rOff = 64 + nb * ld + 8;
    for (let q = 0; q < rows; q++) f.set(R.subarray(q * nb, q * nb + nb), rOff + q * ld);
    session.call("trsmRows", 64 * 8, ld * 8, nb, rOff * 8, rows);
    for (let q = 0; q < rows; q++) {
      for (let p = 0; p < nb; p++) {
        let s = 0;
        for (let j = 0; j <= p; j++) s += elemAt(f, rOff + q * ld + j) * elemAt(L, p * nb + j);
        expect(s).toBeCloseTo(elemAt(R, q * nb + p), 11);
      }
    }
    // L Z = B, then Lᵀ X = B.
    const ldb = 8;
    const B = randomMatrix(rng, nb, ldb);
    const bOff = rOff + rows * ld + 8;
    for (const lower of [true, false]) {
      f.set(B, bOff);
      session.call(lower ? "trsvLowerBlock" : "trsvUpperBlock", 64 * 8, ld * 8, nb, bOff * 8, ldb * 8, ldb / 2);
      const back = new Float64Array(nb * ldb);
      for (let i = 0; i < nb; i++) {
        for (let c = 0; c < ldb; c++) {
          let s = 0;
          for (let p = 0; p < nb; p++) s += (lower ? elemAt(L, i * nb + p) : elemAt(L, p * nb + i)) * elemAt(f, bOff + p * ldb + c);
          back[i * ldb + c] = s;
        }
      }
      expect(relativeError(back, B)).toBeLessThan(1e-12);
    }
  });
});
