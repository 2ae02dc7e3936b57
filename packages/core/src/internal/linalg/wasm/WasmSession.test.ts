import { afterEach, describe, expect, it, vi } from "vitest";
import { Rng } from "../../../Rng.js";
import { choleskyL2 } from "../../../solvers/internal/choleskyL2.js";
import { LstsqL2 } from "../../../solvers/LstsqL2.js";
import { LstsqL2nz } from "../../../solvers/LstsqL2nz.js";
import { LstsqNoise } from "../../../solvers/LstsqNoise.js";
import type { Solver } from "../../../solvers/Solver.js";
import { randomActivities, randomMatrix } from "../testMatrices.js";
import { choleskyL2Wasm, choleskyL2WasmTransposed, type WasmCholeskyResult, type WasmCholeskyStats } from "./choleskyWasm.js";
import { WasmSession } from "./WasmSession.js";

// Plexus promises the same bits everywhere, so the decoders must not depend on whether this
// runtime has SharedArrayBuffer (a browser page that is not cross-origin isolated has none) nor on
// how many threads share the work. Every number is compared bit for bit.

/** The raw 64-bit patterns of the numbers (distinguishes -0 from 0 and every NaN). */
function bits(a: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));
}

/** Runs `f` as in a runtime without SharedArrayBuffer. */
function withoutSharedMemory<T>(f: () => T): T {
  vi.stubGlobal("SharedArrayBuffer", undefined);
  try {
    return f();
  } finally {
    vi.unstubAllGlobals();
  }
}

/** Activities with a few silent neurons (the engine leaves them out of the Gram matrix). */
function activities(rng: Rng, m: number, n: number): Float64Array {
  const A = randomActivities(rng, m, n);
  for (let j = 2; j < n; j += 11) for (let k = 0; k < m; k++) A[k * n + j] = 0;
  return A;
}

function okResult(r: WasmCholeskyResult | null): { X: Float64Array; rmses: Float64Array } {
  if (r === null || !r.ok) throw new Error(`the WebAssembly engine gave ${r === null ? "null" : `pivot ${r.pivot}`}`);
  return r;
}

describe("WasmSession without SharedArrayBuffer", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("runs the kernels on a plain (non-shared) memory on this thread", () => {
    const plain = withoutSharedMemory(() => WasmSession.open(1 << 16, 4));
    expect(plain).not.toBeNull();
    expect(plain?.threads).toBe(1);
    expect(plain?.memory.buffer instanceof ArrayBuffer).toBe(true);
    plain?.close();
    const shared = WasmSession.open(1 << 16, 1);
    expect(shared?.memory.buffer instanceof ArrayBuffer).toBe(false); // a SharedArrayBuffer here
    shared?.close();
  });

  const rng = new Rng(41);
  // Primal (m ≥ n) and transposed (m < n) forms, both large enough for the WebAssembly engine.
  const shapes: readonly [number, number, number][] = [
    [1500, 210, 3],
    [160, 700, 2],
  ];
  for (const [m, n, d] of shapes) {
    const A = activities(rng, m, n);
    const Y = randomMatrix(rng, m, d);
    const Y2 = randomMatrix(rng, m, 1);
    const solvers: readonly Solver[] = [new LstsqL2(), new LstsqL2nz({ reg: 0.2 }), new LstsqL2({ weights: true }), new LstsqNoise({ noise: 0.05 })];
    for (const solver of solvers) {
      it(`${solver.kind}${solver.weights ? " (weights)" : ""} (m = ${m}, n = ${n}) gives the same bits with and without shared memory`, () => {
        const run = (): Float64Array[] => {
          const one = solver.solve(A, Y, m, n, d, new Rng(7));
          const many = solver.solveMany(A, [Y, Y2], m, n, [d, 1], new Rng(7));
          return [one.decoders, one.rmses, ...many.flatMap((r) => [r.decoders, r.rmses])];
        };
        const shared = run();
        const plain = withoutSharedMemory(run);
        expect(plain.map(bits)).toEqual(shared.map(bits));
      });
    }
    it(`choleskyL2 on the WebAssembly engine (m = ${m}, n = ${n}) runs it without shared memory, with the same bits`, () => {
      const sigma = 0.1;
      const statsShared: WasmCholeskyStats = {};
      const statsPlain: WasmCholeskyStats = {};
      const shared = choleskyL2("test", A, m, n, [Y], [d], sigma, m < n, "wasm", statsShared);
      const plain = withoutSharedMemory(() => choleskyL2("test", A, m, n, [Y], [d], sigma, m < n, "wasm", statsPlain));
      // The engine ran in both (it fills stats only when it runs), on this thread alone without shared memory.
      expect(statsShared.threads).toBeDefined();
      expect(statsPlain.threads).toBe(1);
      expect([...plain.decoders, ...plain.rmses].map(bits)).toEqual([...shared.decoders, ...shared.rmses].map(bits));
    });
  }
});

describe("choleskyL2Wasm gives the same bits whatever the number of threads", () => {
  const rng = new Rng(43);
  it("primal form: 1 thread and helper threads (another split of every step)", () => {
    const [m, n, D] = [1300, 530, 5];
    const A = activities(rng, m, n);
    const Y = randomMatrix(rng, m, D);
    const lambda = Float64Array.from({ length: n }, (_, j) => 0.02 * m * (1 + (j % 3)));
    const stats: WasmCholeskyStats = {};
    const one = okResult(choleskyL2Wasm(A, m, n, Y, D, lambda, 1));
    const many = okResult(choleskyL2Wasm(A, m, n, Y, D, lambda, 3, stats));
    expect(stats.threads).toBeGreaterThan(1);
    const plain = okResult(withoutSharedMemory(() => choleskyL2Wasm(A, m, n, Y, D, lambda, 3)));
    for (const r of [many, plain]) {
      expect(bits(r.X)).toEqual(bits(one.X));
      expect(bits(r.rmses)).toEqual(bits(one.rmses));
    }
  });

  it("transposed form: 1 thread and helper threads", () => {
    const [m, n, D] = [300, 900, 3];
    const A = activities(rng, m, n);
    const Y = randomMatrix(rng, m, D);
    const stats: WasmCholeskyStats = {};
    const one = okResult(choleskyL2WasmTransposed(A, m, n, Y, D, 0.01 * m, 1));
    const many = okResult(choleskyL2WasmTransposed(A, m, n, Y, D, 0.01 * m, 3, stats));
    expect(stats.threads).toBeGreaterThan(1);
    const plain = okResult(withoutSharedMemory(() => choleskyL2WasmTransposed(A, m, n, Y, D, 0.01 * m, 3)));
    for (const r of [many, plain]) {
      expect(bits(r.X)).toEqual(bits(one.X));
      expect(bits(r.rmses)).toEqual(bits(one.rmses));
    }
  });
});
