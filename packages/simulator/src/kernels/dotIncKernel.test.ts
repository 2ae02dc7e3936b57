import { Rng } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { compile } from "../internal/compile.js";
import { orderKernels } from "../internal/planner.js";
import { simdArena } from "../internal/simdKernels.js";
import type { Kernel } from "../Kernel.js";
import { Signal } from "../Signal.js";
import { blockedWeights, dotIncKernel } from "./dotIncKernel.js";
import { elementwiseKernel } from "./elementwiseKernel.js";
import { incTarget, setTarget } from "./Target.js";

function place(signals: Signal[]): Float64Array {
  let off = 0;
  for (const s of signals) {
    s.place(off);
    off += s.size;
  }
  return new Float64Array(off);
}

function runOnce(kernels: Kernel[], arena: Float64Array): void {
  compile(orderKernels(kernels), [], arena, 0.001, 0, true).step(1, 0.001);
}

/** Runs the kernels once on a copy of `arena` in a WebAssembly memory (SIMD kernels on) and copies the result back. */
function runOnceSimd(kernels: Kernel[], arena: Float64Array): void {
  const wasm = simdArena(arena.length);
  if (wasm === null) throw new Error("no WebAssembly SIMD in this runtime");
  wasm.arena.set(arena);
  compile(orderKernels(kernels), [], wasm.arena, 0.001, 0, true, wasm).step(1, 0.001);
  arena.set(wasm.arena);
}

function transpose(w: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(w.length);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = defined(w[i * c + j]);
  return out;
}

describe("dotIncKernel", () => {
  for (const [R, C] of [
    [1, 1],
    [3, 2],
    [12, 5],
    [4, 30],
    [40, 40],
  ] as const) {
    it(`${R}×${C}: rows, columns and event-driven layouts, set and inc targets`, () => {
      const rng = new Rng(R * 100 + C);
      const W = rng.fillNormal(new Float64Array(R * C));
      const x = rng.fillNormal(new Float64Array(C));
      for (let j = 0; j < C; j += 2) x[j] = 0; // spikes: mostly zeros
      const expected = new Float64Array(R);
      for (let i = 0; i < R; i++) {
        let s = 0;
        for (let j = 0; j < C; j++) s += defined(W[i * C + j]) * defined(x[j]);
        expected[i] = s;
      }
      for (const variant of ["rows", "columns", "event"] as const) {
        for (const mode of ["set", "inc"] as const) {
          const w = Signal.base("w", R * C, variant === "rows" ? W : transpose(W, R, C));
          const xs = Signal.base("x", C, x);
          const y = Signal.base("y", R, new Float64Array(R).fill(mode === "inc" ? 1 : 7));
          const arena = place([w, xs, y]);
          for (const s of [w, xs, y]) arena.set(defined(s.initial), s.offset);
          const kernel = dotIncKernel({
            weights: w,
            rows: R,
            cols: C,
            layout: variant === "rows" ? "rows" : "columns",
            x: xs,
            dst: mode === "set" ? setTarget(y) : incTarget(y),
            eventDriven: variant === "event",
            owner: "t",
          });
          runOnce([kernel], arena);
          const got = arena.subarray(y.offset, y.offset + R);
          for (let i = 0; i < R; i++) expect(got[i]).toBeCloseTo(defined(expected[i]) + (mode === "inc" ? 1 : 0), 12);
          if (variant === "rows" && mode === "set") expect(Array.from(got)).toEqual(Array.from(expected));
        }
      }
    });
  }

  it("the same bits as one row / one spiking column at a time, in every layout, target and engine (sizes around the row blocks and spike groups)", () => {
    for (const [R, C, active] of [
      [3, 9, 9],
      [7, 13, 1],
      [9, 20, 17],
      [13, 40, 8],
      [33, 70, 31],
      [40, 9, 9],
      [69, 24, 23],
    ] as const) {
      const rng = new Rng(R * 1000 + C);
      const W = rng.fillNormal(new Float64Array(R * C));
      const x = new Float64Array(C);
      for (let k = 0; k < active; k++) x[(k * 7) % C] = k % 3 === 0 ? 1000 : rng.normal();
      const gains = rng.fillNormal(new Float64Array(R));
      const index = Int32Array.from({ length: R }, (_, i) => R + 2 - i); // distinct, not an increasing range
      for (const variant of ["rows", "blocks", "event"] as const) {
        if (variant === "blocks" && C <= 8) continue;
        for (const target of ["set", "inc", "slice+gains"] as const) {
          // the reference: sums in column order, each term (times the gain) added into y
          const init = Float64Array.from({ length: R + 3 }, (_, i) => (target === "set" ? 7 : i - 2));
          const want = Float64Array.from(init);
          for (let i = 0; i < R; i++) {
            const at = target === "slice+gains" ? defined(index[i]) : i;
            if (variant !== "event") {
              let s = 0;
              for (let j = 0; j < C; j++) s += defined(W[i * C + j]) * defined(x[j]);
              want[at] = target === "set" ? 0 + s : defined(want[at]) + (target === "slice+gains" ? defined(gains[i]) * s : s);
            } else {
              if (target === "set") want[at] = 0;
              for (let j = 0; j < C; j++)
                if (x[j] !== 0)
                  want[at] =
                    defined(want[at]) +
                    (target === "slice+gains" ? defined(gains[i]) * (defined(W[i * C + j]) * defined(x[j])) : defined(W[i * C + j]) * defined(x[j]));
            }
          }
          for (const engine of ["js", "simd"] as const) {
            const data = variant === "rows" ? W : variant === "blocks" ? blockedWeights(W, R, C) : transpose(W, R, C);
            const w = Signal.base("w", data.length, data);
            const xs = Signal.base("x", C, x);
            const g = Signal.base("g", R, gains);
            const y = Signal.base("y", target === "slice+gains" ? R + 3 : R, target === "slice+gains" ? init : init.subarray(0, R));
            const arena = place([w, xs, g, y]);
            for (const s of [w, xs, g, y]) arena.set(defined(s.initial), s.offset);
            const dst = target === "set" ? setTarget(y) : target === "inc" ? incTarget(y) : incTarget(y, index, g);
            const layout = variant === "event" ? "columns" : variant;
            (engine === "js" ? runOnce : runOnceSimd)(
              [dotIncKernel({ weights: w, rows: R, cols: C, layout, x: xs, dst, eventDriven: variant === "event", owner: "t" })],
              arena,
            );
            const got = arena.subarray(y.offset, y.offset + y.size);
            const expected = target === "slice+gains" ? want : want.subarray(0, R);
            expect(Array.from(new BigUint64Array(Float64Array.from(got).buffer)), `${R}×${C} ${variant} ${target} ${engine}`).toEqual(
              Array.from(new BigUint64Array(Float64Array.from(expected).buffer)),
            );
          }
        }
      }
    }
  });

  it("writes through a post slice and gains", () => {
    const w = Signal.base("w", 2 * 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    const x = Signal.base("x", 3, Float64Array.of(1, 0, -1));
    const g = Signal.base("g", 2, Float64Array.of(10, 100));
    const y = Signal.base("y", 4);
    const arena = place([w, x, g, y]);
    for (const s of [w, x, g]) arena.set(defined(s.initial), s.offset);
    runOnce(
      [dotIncKernel({ weights: w, rows: 2, cols: 3, layout: "rows", x, dst: incTarget(y, Int32Array.of(3, 0), g), eventDriven: false, owner: "t" })],
      arena,
    );
    expect(Array.from(arena.subarray(y.offset, y.offset + 4))).toEqual([100 * (4 - 6), 0, 0, 10 * (1 - 3)]);
  });
});

describe("elementwiseKernel", () => {
  it("scales by a scalar or a vector", () => {
    const ws = Signal.base("ws", 1, Float64Array.of(2));
    const wv = Signal.base("wv", 3, Float64Array.of(1, 2, 3));
    const x = Signal.base("x", 3, Float64Array.of(1, 1, 1));
    const y1 = Signal.base("y1", 3);
    const y2 = Signal.base("y2", 3);
    const arena = place([ws, wv, x, y1, y2]);
    for (const s of [ws, wv, x]) arena.set(defined(s.initial), s.offset);
    runOnce([elementwiseKernel(ws, x, setTarget(y1), "t"), elementwiseKernel(wv, x, incTarget(y2), "t")], arena);
    expect(Array.from(arena.subarray(y1.offset, y1.offset + 3))).toEqual([2, 2, 2]);
    expect(Array.from(arena.subarray(y2.offset, y2.offset + 3))).toEqual([1, 2, 3]);
  });
});
