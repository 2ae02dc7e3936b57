// Plain-JS dense kernels on row-major Float64Arrays: the reference path that the WebAssembly
// engine is tested against, and the path used for small problems.

import { f64At, numAt } from "../checked.js";

/** Rows of G computed per pass over A, so that a block of G stays in cache while A streams. */
const GRAM_ROW_BLOCK = 64;

/**
 * G = AᵀA (n × n, both triangles filled) for A (m × n). Works on blocks of G's rows while
 * streaming A once per block, and skips zero activities (silent neurons are common).
 */
export function gramAtA(A: Float64Array, m: number, n: number, G: Float64Array = new Float64Array(n * n)): Float64Array {
  G.fill(0);
  for (let i0 = 0; i0 < n; i0 += GRAM_ROW_BLOCK) {
    const i1 = Math.min(n, i0 + GRAM_ROW_BLOCK);
    for (let k = 0; k < m; k++) {
      const row = k * n;
      for (let i = i0; i < i1; i++) {
        const a = f64At(A, row + i);
        if (a === 0) continue;
        const gi = i * n;
        for (let j = 0; j <= i; j++) G[gi + j] = f64At(G, gi + j) + a * f64At(A, row + j);
      }
    }
  }
  mirrorLower(G, n);
  return G;
}

/** G = AAᵀ (m × m, both triangles filled) for A (m × n). */
export function gramAAt(A: Float64Array, m: number, n: number, G: Float64Array = new Float64Array(m * m)): Float64Array {
  for (let i = 0; i < m; i++) {
    const ai = i * n;
    for (let j = 0; j <= i; j++) {
      const aj = j * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += f64At(A, ai + k) * f64At(A, aj + k);
      G[i * m + j] = s;
    }
  }
  mirrorLower(G, m);
  return G;
}

/** Copies the lower triangle of the n × n matrix G onto its upper triangle. */
export function mirrorLower(G: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) G[j * n + i] = f64At(G, i * n + j);
}

/** AᵀB (n × d) for A (m × n) and B (m × d). */
export function matTMul(A: Float64Array, m: number, n: number, B: Float64Array, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let k = 0; k < m; k++) {
    const ak = k * n;
    const bk = k * d;
    for (let i = 0; i < n; i++) {
      const a = f64At(A, ak + i);
      if (a === 0) continue;
      const oi = i * d;
      for (let c = 0; c < d; c++) out[oi + c] = f64At(out, oi + c) + a * f64At(B, bk + c);
    }
  }
  return out;
}

/** AB (m × d) for A (m × n) and B (n × d). */
export function matMul(A: Float64Array, m: number, n: number, B: Float64Array, d: number): Float64Array {
  const out = new Float64Array(m * d);
  for (let k = 0; k < m; k++) {
    const ak = k * n;
    const ok = k * d;
    for (let i = 0; i < n; i++) {
      const a = f64At(A, ak + i);
      if (a === 0) continue;
      const bi = i * d;
      for (let c = 0; c < d; c++) out[ok + c] = f64At(out, ok + c) + a * f64At(B, bi + c);
    }
  }
  return out;
}

/**
 * Root-mean-square error per column of Y − AX (Nengo's `rmses`): `sqrt(mean_i (Y − AX)[i, c]²)`.
 * A is m × n, X is n × d, Y is m × d.
 */
export function rmses(A: Float64Array, X: Float64Array, Y: Float64Array, m: number, n: number, d: number): Float64Array {
  const AX = matMul(A, m, n, X, d);
  const out = new Float64Array(d);
  for (let k = 0; k < m; k++) {
    for (let c = 0; c < d; c++) {
      const r = f64At(Y, k * d + c) - f64At(AX, k * d + c);
      out[c] = f64At(out, c) + r * r;
    }
  }
  for (let c = 0; c < d; c++) out[c] = Math.sqrt(f64At(out, c) / m);
  return out;
}

/** The largest entry of a (−Infinity when empty). */
export function maxOf(a: Float64Array): number {
  let mx = -Infinity;
  for (let i = 0; i < a.length; i++) if (f64At(a, i) > mx || Number.isNaN(f64At(a, i))) mx = f64At(a, i);
  return mx;
}

/** The largest |entry| of a (0 when empty). */
export function maxAbsOf(a: Float64Array): number {
  let mx = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(f64At(a, i));
    if (v > mx || Number.isNaN(v)) mx = v;
  }
  return mx;
}

/** Columns `cols` of the m × n matrix A, as an m × cols.length matrix. */
export function selectColumns(A: Float64Array, m: number, n: number, cols: readonly number[]): Float64Array {
  const k = cols.length;
  const out = new Float64Array(m * k);
  for (let r = 0; r < m; r++) for (let j = 0; j < k; j++) out[r * k + j] = f64At(A, r * n + numAt(cols, j));
  return out;
}

/** Column c of the m × d matrix Y. */
export function column(Y: Float64Array, m: number, d: number, c: number): Float64Array {
  const out = new Float64Array(m);
  for (let r = 0; r < m; r++) out[r] = f64At(Y, r * d + c);
  return out;
}
