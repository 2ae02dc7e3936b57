import { describe, expect, it, vi } from "vitest";
import { Rng } from "../../../Rng.js";
import { LstsqL2 } from "../../../solvers/LstsqL2.js";
import { LstsqL2nz } from "../../../solvers/LstsqL2nz.js";
import { randomActivities, randomMatrix, randomSpd } from "../testMatrices.js";
import { choleskyL2Wasm, choleskyL2WasmTransposed, type WasmCholeskyStats } from "./choleskyWasm.js";
import { jsKernels } from "./jsKernels.js";
import type { KernelName } from "./kernels.js";
import { WasmSession } from "./WasmSession.js";

// The JS kernels (for runtimes without WebAssembly SIMD) give the WebAssembly kernels' bits:
// kernel by kernel on the same memory and arguments, and through the solvers.

/** The raw 64-bit patterns of the numbers. */
function bits(a: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));
}

const DOUBLES = 1 << 15;

describe("jsKernels against the WebAssembly kernels", () => {
  const rng = new Rng(17);
  const session = WasmSession.open(DOUBLES * 8, 1);
  if (session === null) throw new Error("WasmSession.open returned null");
  const wasmMemory = session.f64;
  const jsMemory = new Float64Array(wasmMemory.length);
  const js = jsKernels(jsMemory);

  /** Fills the first DOUBLES doubles of both memories with `init`, runs `fn(args)` on each, compares every double. */
  function check(fn: KernelName, args: readonly number[], init: Float64Array): void {
    wasmMemory.set(init);
    jsMemory.set(wasmMemory);
    const r1 = session?.call(fn, ...args);
    const r2 = js[fn](...args);
    expect(r2).toEqual(r1);
    expect(bits(jsMemory.subarray(0, DOUBLES))).toEqual(bits(wasmMemory.subarray(0, DOUBLES)));
  }

  it("ppTiles and gemmTiles (lower and full, adding and subtracting, odd sizes)", () => {
    const init = randomMatrix(rng, 1, DOUBLES);
    // ppTiles(px, py, kc, r0, r1, nStrips, c, ldc, sub, lower, mc), addresses in bytes.
    check("ppTiles", [64 * 8, 64 * 8, 37, 0, 64, 8, 8000 * 8, 64 * 8, 1, 1, 16], init);
    check("ppTiles", [64 * 8, 3000 * 8, 13, 2, 40, 3, 9000 * 8, 24 * 8, 0, 0, 8], init);
    // gemmTiles(x, xR, xP, y, yP, kc, rows, nStrips, c, ldc, sub, kb)
    check("gemmTiles", [64 * 8, 50 * 8, 8, 2000 * 8, 24 * 8, 45, 6, 2, 6000 * 8, 20 * 8, 1, 16], init);
    check("gemmTiles", [64 * 8, 8, 70 * 8, 2000 * 8, 16 * 8, 33, 10, 2, 6000 * 8, 16 * 8, 0, 7], init);
  });

  it("potf2, trsmRows and the two triangular block solves", () => {
    const n = 45;
    const init = randomMatrix(rng, 1, DOUBLES);
    init.set(randomSpd(rng, n), 64);
    check("potf2", [64 * 8, n * 8, n], init);
    // a failing pivot: a negative diagonal entry in row 5
    const bad = Float64Array.from(init);
    bad[64 + 5 * n + 5] = -1;
    check("potf2", [64 * 8, n * 8, n], bad);
    // factor first, then solve on the factor (keeps the numbers finite)
    wasmMemory.set(init);
    session.call("potf2", 64 * 8, n * 8, n);
    const factored = Float64Array.from(wasmMemory.subarray(0, DOUBLES));
    check("trsmRows", [64 * 8, n * 8, n, 4000 * 8, 7], factored);
    check("trsvLowerBlock", [64 * 8, n * 8, n, 6000 * 8, 16 * 8, 8], factored);
    check("trsvUpperBlock", [64 * 8, n * 8, n, 6000 * 8, 16 * 8, 8], factored);
  });
});

describe("without WebAssembly the solvers give the same bits", () => {
  const rng = new Rng(19);

  it("choleskyL2Wasm (both forms) and LstsqL2 / LstsqL2nz run on the JS kernels with the WebAssembly kernels' bits", async () => {
    const [m, n, D] = [700, 230, 3];
    const A = randomActivities(rng, m, n);
    for (let j = 4; j < n; j += 13) for (let k = 0; k < m; k++) A[k * n + j] = 0;
    const Y = randomMatrix(rng, m, D);
    const lambda = Float64Array.from({ length: n }, (_, j) => 0.02 * m * (1 + (j % 3)));
    const [mt, nt] = [120, 400];
    const At = randomActivities(rng, mt, nt);
    const Yt = randomMatrix(rng, mt, D);
    const run = (
      primal: typeof choleskyL2Wasm,
      transposed: typeof choleskyL2WasmTransposed,
      solvers: readonly LstsqL2[],
      stats: WasmCholeskyStats,
    ): bigint[][] => {
      const out: Float64Array[] = [];
      for (const r of [primal(A, m, n, Y, D, lambda, 1, stats), transposed(At, mt, nt, Yt, D, 0.01 * mt, 1)]) {
        if (r === null || !r.ok) throw new Error("the engine did not solve");
        out.push(r.X, r.rmses);
      }
      for (const s of solvers) {
        const r = s.solve(A, Y, m, n, D);
        out.push(r.decoders, r.rmses);
      }
      return out.map(bits);
    };
    const withWasm = run(choleskyL2Wasm, choleskyL2WasmTransposed, [new LstsqL2(), new LstsqL2nz({ reg: 0.2 })], {});

    vi.resetModules();
    vi.doMock("./wasmApi.js", () => ({ wasmApi: undefined }));
    try {
      const engine = await import("./choleskyWasm.js");
      const session = await import("./WasmSession.js");
      const solvers = [
        new (await import("../../../solvers/LstsqL2.js")).LstsqL2(),
        new (await import("../../../solvers/LstsqL2nz.js")).LstsqL2nz({ reg: 0.2 }),
      ];
      // the module graph without WebAssembly: no kernel module, a session on an ArrayBuffer
      expect(session.kernelModule()).toBeNull();
      const plain = session.WasmSession.open(1 << 16, 4);
      expect(plain?.memory.buffer instanceof ArrayBuffer).toBe(true);
      plain?.close();
      const stats: WasmCholeskyStats = {};
      const withoutWasm = run(engine.choleskyL2Wasm, engine.choleskyL2WasmTransposed, solvers, stats);
      expect(stats.threads).toBe(1);
      expect(withoutWasm).toEqual(withWasm);
    } finally {
      vi.doUnmock("./wasmApi.js");
      vi.resetModules();
    }
  });
});
