import { describe, expect, it } from "vitest";
import { Rng } from "../../../Rng.js";
import { choleskyL2 } from "../../../solvers/internal/choleskyL2.js";
import { elemAt } from "../../checked.js";
import { randomActivities, randomMatrix, relativeError } from "../testMatrices.js";
import { choleskyL2Wasm, choleskyL2WasmTransposed } from "./choleskyWasm.js";
import { kernelModule } from "./WasmSession.js";

// The WebAssembly engine against the plain-JS reference path on awkward shapes.
describe("choleskyL2Wasm (fast path) vs the plain-JS reference", () => {
  if (kernelModule() === null) {
    // These machines have both: a missing engine fails, never skips silently.
    it("needs WebAssembly SIMD and shared memory", () => {
      expect.fail("kernelModule() returned null: this runtime lacks WebAssembly SIMD or shared memory, so the engine cannot be checked");
    });
    return;
  }
  const rng = new Rng(12);
  const cases: readonly [number, number, readonly number[], number][] = [
    [9, 3, [1], 1],
    [50, 20, [2], 1],
    [301, 133, [3, 5], 1],
    [777, 300, [17], 2],
    [1200, 520, [64, 64], 2],
  ];
  for (const [m, n, ds, threads] of cases) {
    it(`m = ${m}, n = ${n}, targets ${ds.join("+")}, ${threads} thread(s)`, () => {
      const A = randomActivities(rng, m, n);
      for (let j = 1; j < n; j += 9) for (let k = 0; k < m; k++) A[k * n + j] = 0; // silent neurons
      const Ys = ds.map((d) => randomMatrix(rng, m, d));
      const D = ds.reduce((a, b) => a + b, 0);
      let max = 0;
      for (const v of A) max = Math.max(max, v);
      for (const sigma of [0.1 * max, Float64Array.from({ length: n }, (_, j) => 0.05 * max * (1 + (j % 3)))]) {
        const ref = choleskyL2("test", A, m, n, Ys, ds, sigma, false, "js");
        const Ycat = new Float64Array(m * D);
        let off = 0;
        Ys.forEach((Y, t) => {
          for (let r = 0; r < m; r++) for (let c = 0; c < elemAt(ds, t); c++) Ycat[r * D + off + c] = elemAt(Y, r * elemAt(ds, t) + c);
          off += elemAt(ds, t);
        });
        const lambda = Float64Array.from({ length: n }, (_, j) => m * (typeof sigma === "number" ? sigma : elemAt(sigma, j)) ** 2);
        const fast = choleskyL2Wasm(A, m, n, Ycat, D, lambda, threads);
        expect(fast?.ok).toBe(true);
        if (fast === null || !fast.ok) return;
        const refX = new Float64Array(n * D);
        const refR = new Float64Array(D);
        off = 0;
        ref.decoders.forEach((X, t) => {
          const d = elemAt(ds, t);
          for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) refX[i * D + off + c] = elemAt(X, i * d + c);
          refR.set(elemAt(ref.rmses, t), off);
          off += d;
        });
        expect(relativeError(fast.X, refX)).toBeLessThan(1e-10);
        expect(relativeError(fast.rmses, refR)).toBeLessThan(1e-12);
        for (let k = 1; k < n; k += 9) for (let c = 0; c < D; c++) expect(fast.X[k * D + c]).toBe(0);
      }
    });
  }

  for (const [m, n, D, threads] of [
    [15, 40, 1, 1],
    [123, 450, 9, 2],
    [300, 2000, 16, 2],
  ] as const) {
    it(`transposed form: m = ${m} < n = ${n}, D = ${D}, ${threads} thread(s)`, () => {
      const A = randomActivities(rng, m, n);
      const Y = randomMatrix(rng, m, D);
      const sigma = 25;
      const ref = choleskyL2("test", A, m, n, [Y], [D], sigma, true, "js");
      const fast = choleskyL2WasmTransposed(A, m, n, Y, D, m * sigma * sigma, threads);
      expect(fast?.ok).toBe(true);
      if (fast === null || !fast.ok) return;
      expect(relativeError(fast.X, elemAt(ref.decoders, 0))).toBeLessThan(1e-10);
      expect(relativeError(fast.rmses, elemAt(ref.rmses, 0))).toBeLessThan(1e-10);
    });
  }

  it("solves several targets exactly as it solves each alone", () => {
    const [m, n] = [400, 150];
    const A = randomActivities(rng, m, n);
    const Y1 = randomMatrix(rng, m, 3);
    const Y2 = randomMatrix(rng, m, 2);
    const both = choleskyL2("test", A, m, n, [Y1, Y2], [3, 2], 40, false, "wasm");
    const one = choleskyL2("test", A, m, n, [Y1], [3], 40, false, "wasm");
    const two = choleskyL2("test", A, m, n, [Y2], [2], 40, false, "wasm");
    expect(Array.from(elemAt(both.decoders, 0))).toEqual(Array.from(elemAt(one.decoders, 0)));
    expect(Array.from(elemAt(both.decoders, 1))).toEqual(Array.from(elemAt(two.decoders, 0)));
    expect(Array.from(elemAt(both.rmses, 1))).toEqual(Array.from(elemAt(two.rmses, 0)));
  });

  it("reports the neuron whose pivot fails", () => {
    const [m, n] = [30, 10];
    const A = randomMatrix(rng, m, n);
    for (let k = 0; k < m; k++) A[k * n + 4] = 0;
    // No regularisation: the silent neuron 4 makes G singular.
    const r = choleskyL2Wasm(A, m, n, randomMatrix(rng, m, 1), 1, new Float64Array(n), 1);
    expect(r).toEqual({ ok: false, pivot: 4 });
    // Two equal columns and no regularisation: not positive definite.
    const B = randomMatrix(rng, m, n);
    for (let k = 0; k < m; k++) B[k * n + 7] = elemAt(B, k * n + 2);
    const s = choleskyL2Wasm(B, m, n, randomMatrix(rng, m, 1), 1, new Float64Array(n), 1);
    expect(s?.ok).toBe(false);
  });
});
