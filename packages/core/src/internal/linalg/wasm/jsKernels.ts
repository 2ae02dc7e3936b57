// The kernels of kernels.ts in plain JavaScript, for runtimes without WebAssembly (SIMD): the same
// arguments (byte addresses into one memory), and every sum taken in the same order with the same
// operations (a multiply, then an add; never fused), lane by lane as the f64x2 code does, so the
// results are the WebAssembly kernels' bits. Slower, but the solvers stay bit-identical everywhere.

import { f64At } from "../../checked.js";
import type { KernelName } from "./kernels.js";

/** A kernel as a session calls it. */
export type JsKernel = (...args: number[]) => number | undefined;

/**
 * C[2 × 8] ±= Σ_k x_k ⊗ y_k, as kernels.ts's micro-kernel: x rows at x0, x1 (bytes); both operands
 * advance per k (xP, yP bytes). Sixteen accumulators from +0, each `acc + x·y` in k order.
 */
function microKernel(f: Float64Array, x0: number, x1: number, xP: number, y: number, yP: number, kc: number, c: number, ldc: number, sub: number): void {
  let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let k = 0, xo = x0 / 8, x1o = x1 / 8, yo = y / 8; k < kc; k++, xo += xP / 8, x1o += xP / 8, yo += yP / 8) {
    const [s, t] = [f64At(f, xo), f64At(f, x1o)];
    const [y0, y1, y2, y3] = [f64At(f, yo), f64At(f, yo + 1), f64At(f, yo + 2), f64At(f, yo + 3)];
    const [y4, y5, y6, y7] = [f64At(f, yo + 4), f64At(f, yo + 5), f64At(f, yo + 6), f64At(f, yo + 7)];
    a0 += s * y0;
    a1 += s * y1;
    a2 += s * y2;
    a3 += s * y3;
    a4 += s * y4;
    a5 += s * y5;
    a6 += s * y6;
    a7 += s * y7;
    b0 += t * y0;
    b1 += t * y1;
    b2 += t * y2;
    b3 += t * y3;
    b4 += t * y4;
    b5 += t * y5;
    b6 += t * y6;
    b7 += t * y7;
  }
  const acc = [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7];
  for (let t = 0; t < 2; t++) {
    const row = (c + t * ldc) / 8;
    for (let u = 0; u < 8; u++) {
      const v = acc[8 * t + u] ?? 0;
      f[row + u] = sub !== 0 ? f64At(f, row + u) - v : f64At(f, row + u) + v;
    }
  }
}

/** Σ a[i]·b[i] over len doubles: eight lanes (four f64x2) over the multiples of 8, then the rest. */
function dot(f: Float64Array, a: number, b: number, len: number): number {
  const lanes = new Float64Array(8);
  const a0 = a / 8;
  const b0 = b / 8;
  const len8 = len & -8;
  for (let i = 0; i < len8; i += 8) for (let l = 0; l < 8; l++) lanes[l] = f64At(lanes, l) + f64At(f, a0 + i + l) * f64At(f, b0 + i + l);
  // acc0 = (acc0 + acc1) + (acc2 + acc3), lane-wise; then lane 0 + lane 1.
  const lane = (l: number): number => f64At(lanes, l) + f64At(lanes, 2 + l) + (f64At(lanes, 4 + l) + f64At(lanes, 6 + l));
  let s = lane(0) + lane(1);
  for (let i = len8; i < len; i++) s = s + f64At(f, a0 + i) * f64At(f, b0 + i);
  return s;
}

function ppTiles(f: Float64Array, args: readonly number[]): undefined {
  const [px = 0, py = 0, kc = 0, r0 = 0, r1 = 0, nStrips = 0, c = 0, ldc = 0, sub = 0, lower = 0, mc = 1] = args;
  const stripBytes = kc * 64;
  for (let ib = r0; ib < r1; ib += mc) {
    const ie = Math.min(ib + mc, r1);
    const sEnd = lower !== 0 ? ((ie - 1) >>> 3) + 1 : nStrips;
    for (let s = 0; s < sEnd; s++) {
      const yaddr = py + s * stripBytes;
      const istart = lower !== 0 ? Math.max(8 * s, ib) : ib;
      for (let i = istart; i < ie; i += 2) {
        const x = px + (i >>> 3) * stripBytes + (i & 7) * 8;
        microKernel(f, x, x + 8, 64, yaddr, 64, kc, c + i * ldc + s * 64, ldc, sub);
      }
    }
  }
  return undefined;
}

function gemmTiles(f: Float64Array, args: readonly number[]): undefined {
  const [x = 0, xR = 0, xP = 0, y = 0, yP = 0, kc = 0, rows = 0, nStrips = 0, c = 0, ldc = 0, sub = 0, kb = 1] = args;
  for (let p0 = 0; p0 < kc; p0 += kb) {
    const kk = Math.min(kb, kc - p0);
    const xo = x + p0 * xP;
    const yo = y + p0 * yP;
    for (let i = 0; i < rows; i += 2) {
      const xi = xo + i * xR;
      const ci = c + i * ldc;
      for (let s = 0; s < nStrips; s++) microKernel(f, xi, xi + xR, xP, yo + s * 64, yP, kk, ci + s * 64, ldc, sub);
    }
  }
  return undefined;
}

function potf2(f: Float64Array, args: readonly number[]): number {
  const [g = 0, ld = 0, nb = 0] = args;
  for (let i = 0; i < nb; i++) {
    const gi = g + i * ld;
    for (let j = 0; j < i; j++) {
      const gj = g + j * ld;
      const at = (gi + 8 * j) / 8;
      f[at] = (f64At(f, at) - dot(f, gi, gj, j)) / f64At(f, (gj + 8 * j) / 8);
    }
    const d = (gi + 8 * i) / 8;
    const s = f64At(f, d) - dot(f, gi, gi, i);
    if (!(s > 0)) return i;
    f[d] = Math.sqrt(s);
  }
  return -1;
}

function trsmRows(f: Float64Array, args: readonly number[]): undefined {
  const [d = 0, ld = 0, nb = 0, r = 0, rows = 0] = args;
  for (let q = 0; q < rows; q++) {
    const row = r + q * ld;
    for (let p = 0; p < nb; p++) {
      const lp = d + p * ld;
      const at = (row + 8 * p) / 8;
      f[at] = (f64At(f, at) - dot(f, row, lp, p)) / f64At(f, (lp + 8 * p) / 8);
    }
  }
  return undefined;
}

function trsvBlock(f: Float64Array, args: readonly number[], lower: boolean): undefined {
  const [l = 0, ld = 0, nb = 0, b = 0, ldb = 0, nVec = 0] = args;
  const width = 2 * nVec;
  for (let ii = 0; ii < nb; ii++) {
    const i = lower ? ii : nb - 1 - ii;
    const bi = (b + i * ldb) / 8;
    for (let p = lower ? 0 : i + 1; p < (lower ? i : nb); p++) {
      const coef = f64At(f, (lower ? l + i * ld + 8 * p : l + p * ld + 8 * i) / 8);
      const bp = (b + p * ldb) / 8;
      for (let v = 0; v < width; v++) f[bi + v] = f64At(f, bi + v) - coef * f64At(f, bp + v);
    }
    const diag = f64At(f, (l + i * ld + 8 * i) / 8);
    for (let v = 0; v < width; v++) f[bi + v] = f64At(f, bi + v) / diag;
  }
  return undefined;
}

/** The kernels on the memory viewed by `f`, by name. */
export function jsKernels(f: Float64Array): Record<KernelName, JsKernel> {
  return {
    ppTiles: (...args) => ppTiles(f, args),
    gemmTiles: (...args) => gemmTiles(f, args),
    potf2: (...args) => potf2(f, args),
    trsmRows: (...args) => trsmRows(f, args),
    trsvLowerBlock: (...args) => trsvBlock(f, args, true),
    trsvUpperBlock: (...args) => trsvBlock(f, args, false),
  };
}
