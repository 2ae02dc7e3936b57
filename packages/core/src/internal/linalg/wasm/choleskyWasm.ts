// Regularised least squares by Cholesky on the WebAssembly engine, in both of Nengo's forms:
//   primal (m ≥ n, or one σ per neuron): G = AᵀA + diag(λ), B = AᵀY, X = G⁻¹B;
//   transposed (m < n): G = AAᵀ + λI, Z = G⁻¹Y, X = AᵀZ.
// G is accumulated while A streams through in blocks (packed into strips for the micro-kernel),
// factored in place (blocked, right-looking), and solved for all targets at once; the RMS errors
// come from a second streaming pass. In the primal form, neurons that are silent at every eval
// point are left out of G altogether (their rows of G hold only λ and their decoders are exactly 0),
// which saves the square of their share of the work.

import { f64At, i32At, numAt } from "../../checked.js";
import type { KernelCall } from "./WasmSession.js";
import { WasmSession } from "./WasmSession.js";

/** Rows of A (primal) or neurons (transposed) packed per Gram step. */
const KC = 512;
/** Rows of G the Gram and update tiles take at a time (their panel stays in L2). */
const MC = 128;
/** Width of the Cholesky panels. */
const NB = 256;
/** Terms per pass in the solves and residuals (keeps both operands in cache). */
const KB = 256;

/** Seconds spent per phase, and the problem as the engine saw it (for benchmarks). */
export interface WasmCholeskyStats {
  threads?: number;
  /** Size of the Gram matrix formed: the active neurons (primal) or the eval points (transposed). */
  activeNeurons?: number;
  gramS?: number;
  factorS?: number;
  solveS?: number;
  residualS?: number;
  totalS?: number;
  /** CPU seconds of the whole process per phase (all threads; where `process.cpuUsage` exists). */
  cpuS?: Partial<Record<Phase, number>>;
}

/** What the engine produced: decoders for every neuron, or the pivot (neuron or point) that failed. */
export type WasmCholeskyResult = { readonly ok: true; readonly X: Float64Array; readonly rmses: Float64Array } | { readonly ok: false; readonly pivot: number };

type Phase = "gramS" | "factorS" | "solveS" | "residualS";

/**
 * Solves (AᵀA + diag(lambda)) X = AᵀY for A (m × n), Y (m × D), returning X (n × D) and the RMS
 * error of each column of Y − AX; or null where the engine cannot run (then use the JS path).
 * `lambda[j]` is what is added to G's diagonal for neuron j (Nengo's m·σ_j²).
 */
export function choleskyL2Wasm(
  A: Float64Array,
  m: number,
  n: number,
  Y: Float64Array,
  D: number,
  lambda: Float64Array,
  threads?: number,
  stats?: WasmCholeskyStats,
): WasmCholeskyResult | null {
  const clock = new PhaseClock(stats);
  const cols = activeColumns(A, m, n);
  for (let j = 0, a = 0; j < n; j++) {
    if (cols[a] === j) a++;
    else if (!(f64At(lambda, j) > 0)) return { ok: false, pivot: j };
  }
  const nA = cols.length;
  const Np = Math.max(8, roundUp(nA, 8));
  const Dp = Math.max(8, roundUp(D, 8));
  // Layout (doubles): G (Np × Np) | B (Np × Dp) | P, P' (max(KC, NB) rows of Np each) | Q, Q'
  // (KC × Dp each). The primed buffers take the next block while the current one is worked on.
  const gOff = 0;
  const bOff = align(gOff + Np * Np);
  const pOff = align(bOff + Np * Dp);
  const pOff2 = align(pOff + Math.max(KC, NB) * Np);
  const qOff = align(pOff2 + Math.max(KC, NB) * Np);
  const qOff2 = align(qOff + KC * Dp);
  const total = align(qOff2 + KC * Dp);
  const session = WasmSession.open(total * 8, threads);
  if (session === null) return null;
  try {
    const f = session.f64;
    const chunks = chunkCount(session);
    clock.start(session.threads, nA);

    // G = AᵀA (lower tiles) and B = AᵀY, one block of rows of A at a time.
    const syrk = triangleSplit(Np, chunks);
    const even = evenSplit(Np, Math.min(chunks, Np / 8), 8);
    const pack = (k0: number, p: number, q: number): void => {
      const kc = Math.min(KC, m - k0);
      packRows(f, p, A, n, cols, k0, kc, Np);
      packTargets(f, q, Y, D, k0, kc, Dp);
    };
    pack(0, pOff, qOff);
    for (let k0 = 0, b = 0; k0 < m; k0 += KC, b++) {
      const kc = Math.min(KC, m - k0);
      const [p, q] = b % 2 === 0 ? [pOff, qOff] : [pOff2, qOff2];
      const [pNext, qNext] = b % 2 === 0 ? [pOff2, qOff2] : [pOff, qOff];
      session.parallel(
        [
          ...spans(syrk).map(([r0, r1]) => [call("ppTiles", p * 8, p * 8, kc, r0, r1, Np / 8, gOff * 8, Np * 8, 0, 1, MC)]),
          ...spans(even).map(([r0, r1]) => [call("ppTiles", p * 8, q * 8, kc, r0, r1, Dp / 8, bOff * 8, Dp * 8, 0, 0, MC)]),
        ],
        k0 + KC < m ? () => pack(k0 + KC, pNext, qNext) : undefined,
      );
    }
    for (let i = 0; i < Np; i++) f[gOff + i * Np + i] = i < nA ? f64At(f, gOff + i * Np + i) + f64At(lambda, i32At(cols, i)) : 1;
    clock.lap("gramS");

    const bad = factor(session, gOff, Np, pOff, chunks);
    if (bad >= 0) return { ok: false, pivot: cols[bad] ?? n };
    clock.lap("factorS");
    solve(session, gOff, Np, bOff, Dp, chunks);
    clock.lap("solveS");

    const X = new Float64Array(n * D);
    for (let i = 0; i < nA; i++) {
      const src = bOff + i * Dp;
      const dst = i32At(cols, i) * D;
      for (let c = 0; c < D; c++) X[dst + c] = f64At(f, src + c);
    }
    const rmses = residualRms(session, A, m, n, cols, Y, D, bOff, Np, Dp, pOff, pOff2, qOff, qOff2, chunks);
    clock.lap("residualS");
    return { ok: true, X, rmses };
  } finally {
    session.close();
  }
}

/**
 * The transposed form, for m < n: Z = (AAᵀ + lambda·I)⁻¹Y and X = AᵀZ, with the RMS error of each
 * column of Y − AX; or null where the engine cannot run.
 */
export function choleskyL2WasmTransposed(
  A: Float64Array,
  m: number,
  n: number,
  Y: Float64Array,
  D: number,
  lambda: number,
  threads?: number,
  stats?: WasmCholeskyStats,
): WasmCholeskyResult | null {
  const clock = new PhaseClock(stats);
  const Mp = Math.max(8, roundUp(m, 8));
  const Dp = Math.max(8, roundUp(D, 8));
  const Nk = roundUp(n, 8);
  // Layout (doubles): G (Mp × Mp) | B (Mp × Dp) | X (Nk × Dp) | P, P' (packed panels, then KC rows
  // of A) | S (Mp × KC) | Q, Q' (KC × Dp).
  const gOff = 0;
  const bOff = align(gOff + Mp * Mp);
  const xOff = align(bOff + Mp * Dp);
  const pOff = align(xOff + Nk * Dp);
  const pSize = Math.max(KC * Mp, NB * Mp, KC * Nk);
  const pOff2 = align(pOff + pSize);
  const sOff = align(pOff2 + pSize);
  const qOff = align(sOff + Mp * KC);
  const qOff2 = align(qOff + KC * Dp);
  const total = align(qOff2 + KC * Dp);
  const session = WasmSession.open(total * 8, threads);
  if (session === null) return null;
  try {
    const f = session.f64;
    const chunks = chunkCount(session);
    clock.start(session.threads, m);

    // G = AAᵀ: A's columns (neurons) KC at a time, packed as the rows of Aᵀ.
    const syrk = triangleSplit(Mp, chunks);
    for (let j0 = 0; j0 < n; j0 += KC) {
      const kc = Math.min(KC, n - j0);
      for (let i = 0; i < Mp; i++) {
        const base = pOff + (i >> 3) * kc * 8 + (i & 7);
        if (i < m) for (let k = 0; k < kc; k++) f[base + k * 8] = f64At(A, i * n + j0 + k);
        else for (let k = 0; k < kc; k++) f[base + k * 8] = 0;
      }
      session.parallel(spans(syrk).map(([r0, r1]) => [call("ppTiles", pOff * 8, pOff * 8, kc, r0, r1, Mp / 8, gOff * 8, Mp * 8, 0, 1, MC)]));
    }
    for (let i = 0; i < Mp; i++) f[gOff + i * Mp + i] = i < m ? f64At(f, gOff + i * Mp + i) + lambda : 1;
    for (let i = 0; i < m; i++) f.set(Y.subarray(i * D, i * D + D), bOff + i * Dp);
    clock.lap("gramS");

    const bad = factor(session, gOff, Mp, pOff, chunks);
    if (bad >= 0) return { ok: false, pivot: bad };
    clock.lap("factorS");
    solve(session, gOff, Mp, bOff, Dp, chunks);

    // X = AᵀZ, KC neurons at a time: S holds A[:, j0:j0+kc] (m × kc).
    for (let j0 = 0; j0 < n; j0 += KC) {
      const kc = Math.min(KC, n - j0);
      const rows = roundUp(kc, 2);
      for (let i = 0; i < m; i++) {
        f.set(A.subarray(i * n + j0, i * n + j0 + kc), sOff + i * rows);
        if (rows > kc) f[sOff + i * rows + kc] = 0;
      }
      const split = evenSplit(rows, Math.min(chunks, rows / 2), 2);
      const xRow = xOff + j0 * Dp;
      f.fill(0, xRow, xRow + rows * Dp);
      session.parallel(
        spans(split).map(([r0, r1]) => [
          call("gemmTiles", (sOff + r0) * 8, 8, rows * 8, bOff * 8, Dp * 8, m, r1 - r0, Dp / 8, (xRow + r0 * Dp) * 8, Dp * 8, 0, KB),
        ]),
      );
    }
    const X = new Float64Array(n * D);
    for (let j = 0; j < n; j++) X.set(f.subarray(xOff + j * Dp, xOff + j * Dp + D), j * D);
    clock.lap("solveS");

    const cols = Int32Array.from({ length: n }, (_, j) => j);
    const rmses = residualRms(session, A, m, n, cols, Y, D, xOff, Nk, Dp, pOff, pOff2, qOff, qOff2, chunks);
    clock.lap("residualS");
    return { ok: true, X, rmses };
  } finally {
    session.close();
  }
}

/** Tasks per parallel step: more than threads, so that threads the system slows down are balanced by the others. */
function chunkCount(session: WasmSession): number {
  return session.threads === 1 ? 1 : 4 * session.threads;
}

/** Factors the N × N matrix at gOff (row stride N) in place, NB columns at a time; -1 or the failing row. */
function factor(session: WasmSession, gOff: number, N: number, pOff: number, chunks: number): number {
  const f = session.f64;
  const ld = N * 8;
  for (let k = 0; k < N; k += NB) {
    const w = Math.min(NB, N - k);
    const diag = gOff + k * N + k;
    const bad = session.call("potf2", diag * 8, ld, w) ?? -1;
    if (bad >= 0) return k + bad;
    const rest = N - k - w;
    if (rest === 0) break;
    const rowsSplit = evenSplit(rest, Math.min(chunks, rest / 8), 8);
    session.parallel(spans(rowsSplit).map(([r0, r1]) => [call("trsmRows", diag * 8, ld, w, (gOff + (k + w + r0) * N + k) * 8, r1 - r0)]));
    packPanel(f, pOff, gOff + (k + w) * N + k, N, rest, w);
    const trailing = (gOff + (k + w) * N + k + w) * 8;
    const tri = triangleSplit(rest, Math.min(chunks, rest / 8));
    session.parallel(spans(tri).map(([r0, r1]) => [call("ppTiles", pOff * 8, pOff * 8, w, r0, r1, rest / 8, trailing, ld, 1, 1, MC)]));
  }
  return -1;
}

/** Solves L Lᵀ X = B in place (B: N × Dp at bOff); each task takes some strips of columns through both sweeps. */
function solve(session: WasmSession, gOff: number, N: number, bOff: number, Dp: number, chunks: number): void {
  const ldg = N * 8;
  const ldb = Dp * 8;
  // Wide tasks reuse each loaded row of L across more columns: at least 4 strips per task.
  const strips = evenSplit(Dp / 8, Math.min(chunks, Math.ceil(Dp / 32)), 1);
  session.parallel(
    spans(strips).map(([s0, s1]) => {
      const ns = s1 - s0;
      const list: KernelCall[] = [];
      const c0 = s0 * 8;
      for (let k = 0; k < N; k += NB) {
        const w = Math.min(NB, N - k);
        const bk = (bOff + k * Dp + c0) * 8;
        if (k > 0) list.push(call("gemmTiles", (gOff + k * N) * 8, ldg, 8, (bOff + c0) * 8, ldb, k, w, ns, bk, ldb, 1, KB));
        list.push(call("trsvLowerBlock", (gOff + k * N + k) * 8, ldg, w, bk, ldb, ns * 4));
      }
      for (let k = Math.floor((N - 1) / NB) * NB; k >= 0; k -= NB) {
        const w = Math.min(NB, N - k);
        const rest = N - k - w;
        const bk = (bOff + k * Dp + c0) * 8;
        if (rest > 0) list.push(call("gemmTiles", (gOff + (k + w) * N + k) * 8, 8, ldg, (bOff + (k + w) * Dp + c0) * 8, ldb, rest, w, ns, bk, ldb, 1, KB));
        list.push(call("trsvUpperBlock", (gOff + k * N + k) * 8, ldg, w, bk, ldb, ns * 4));
      }
      return list;
    }),
  );
}

/**
 * RMS error of each column of Y − A[:, cols]·X, with X (cols.length rows, stride Dp) at xOff:
 * KC rows of A at a time, copied to P or P' (row stride Np ≥ cols.length), the residual built in
 * Q or Q' (KC × Dp each), alternately.
 */
function residualRms(
  session: WasmSession,
  A: Float64Array,
  m: number,
  n: number,
  cols: Int32Array,
  Y: Float64Array,
  D: number,
  xOff: number,
  Np: number,
  Dp: number,
  pOff: number,
  pOff2: number,
  qOff: number,
  qOff2: number,
  chunks: number,
): Float64Array {
  const f = session.f64;
  const sumSq = new Float64Array(D);
  const accumulate = (q: number, kc: number): void => {
    for (let k = 0; k < kc; k++) {
      const r = q + k * Dp;
      for (let c = 0; c < D; c++) sumSq[c] = f64At(sumSq, c) + f64At(f, r + c) * f64At(f, r + c);
    }
  };
  const copy = (k0: number, p: number, q: number): void => {
    const kc = Math.min(KC, m - k0);
    copyRows(f, p, A, n, cols, k0, kc, roundUp(kc, 2), Np);
    copyTargets(f, q, Y, D, k0, kc, roundUp(kc, 2), Dp);
  };
  copy(0, pOff, qOff);
  for (let k0 = 0, b = 0; k0 < m; k0 += KC, b++) {
    const kc = Math.min(KC, m - k0);
    const rows = roundUp(kc, 2);
    const [p, q] = b % 2 === 0 ? [pOff, qOff] : [pOff2, qOff2];
    const [pNext, qNext] = b % 2 === 0 ? [pOff2, qOff2] : [pOff, qOff];
    const split = evenSplit(rows, Math.min(chunks, rows / 2), 2);
    session.parallel(
      spans(split).map(([r0, r1]) => [
        call("gemmTiles", (p + r0 * Np) * 8, Np * 8, 8, xOff * 8, Dp * 8, Np, r1 - r0, Dp / 8, (q + r0 * Dp) * 8, Dp * 8, 1, KB),
      ]),
      () => {
        // While the others work: add up the previous block's residuals, copy in the next block.
        if (b > 0) accumulate(qNext, KC);
        if (k0 + KC < m) copy(k0 + KC, pNext, qNext);
      },
    );
    if (k0 + KC >= m) accumulate(q, kc);
  }
  return sumSq.map((s) => Math.sqrt(s / m));
}

/** Wall-clock (and CPU) seconds per phase into `stats`, when given. */
class PhaseClock {
  private readonly t0 = performance.now();
  private last = this.t0;
  private lastCpu = cpuSeconds();
  constructor(private readonly stats: WasmCholeskyStats | undefined) {}
  start(threads: number, size: number): void {
    if (this.stats === undefined) return;
    this.stats.threads = threads;
    this.stats.activeNeurons = size;
  }
  lap(phase: Phase): void {
    if (this.stats === undefined) return;
    const now = performance.now();
    this.stats[phase] = (now - this.last) / 1000;
    this.stats.totalS = (now - this.t0) / 1000;
    this.last = now;
    const cpu = cpuSeconds();
    if (cpu !== undefined && this.lastCpu !== undefined) (this.stats.cpuS ??= {})[phase] = cpu - this.lastCpu;
    this.lastCpu = cpu;
  }
}

function cpuSeconds(): number | undefined {
  const proc = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  const u = proc?.cpuUsage?.();
  return u === undefined ? undefined : (u.user + u.system) / 1e6;
}

function call(fn: KernelCall["fn"], ...args: number[]): KernelCall {
  return { fn, args };
}

/** The non-empty [b_t, b_t+1) spans of a list of boundaries. */
function spans(bounds: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let t = 0; t + 1 < bounds.length; t++) if (numAt(bounds, t + 1) > numAt(bounds, t)) out.push([numAt(bounds, t), numAt(bounds, t + 1)]);
  return out;
}

const roundUp = (x: number, q: number): number => Math.ceil(x / q) * q;
/** Rounds a double offset up to a 64-byte boundary. */
const align = (doubles: number): number => roundUp(doubles, 8);

/** Indices of the columns of A that have a non-zero (or NaN) entry. */
function activeColumns(A: Float64Array, m: number, n: number): Int32Array {
  const active = new Uint8Array(n);
  let count = 0;
  for (let k = 0; k < m && count < n; k++) {
    const row = k * n;
    for (let j = 0; j < n; j++) {
      if (active[j] === 0 && A[row + j] !== 0) {
        active[j] = 1;
        count++;
      }
    }
  }
  const cols = new Int32Array(count);
  for (let j = 0, a = 0; j < n; j++) if (active[j] === 1) cols[a++] = j;
  return cols;
}

/** Boundaries 0 = b0 ≤ … ≤ bT = N (multiples of q) that split N rows into T even parts. */
function evenSplit(N: number, T: number, q: number): number[] {
  const parts = Math.max(1, Math.floor(T));
  return Array.from({ length: parts + 1 }, (_, t) => (t === parts ? N : Math.min(N, roundUp(Math.round((N * t) / parts), q))));
}

/** Row boundaries (multiples of 8) that cut the lower triangle of an N × N matrix into T equal areas. */
function triangleSplit(N: number, T: number): number[] {
  const parts = Math.max(1, Math.floor(T));
  return Array.from({ length: parts + 1 }, (_, t) => (t === parts ? N : Math.min(N, roundUp(Math.round(N * Math.sqrt(t / parts)), 8))));
}

/** Packs rows k0..k0+kc of A (columns `cols`) into strips of 8 at `off`; padding columns are 0. */
function packRows(f: Float64Array, off: number, A: Float64Array, n: number, cols: Int32Array, k0: number, kc: number, Np: number): void {
  const nA = cols.length;
  for (let k = 0; k < kc; k++) {
    const row = (k0 + k) * n;
    for (let i = 0; i < nA; i++) f[off + ((i >> 3) * kc + k) * 8 + (i & 7)] = f64At(A, row + i32At(cols, i));
    for (let i = nA; i < Np; i++) f[off + ((i >> 3) * kc + k) * 8 + (i & 7)] = 0;
  }
}

/** Packs rows k0..k0+kc of Y (m × D) into strips of 8 at `off`; padding columns are 0. */
function packTargets(f: Float64Array, off: number, Y: Float64Array, D: number, k0: number, kc: number, Dp: number): void {
  for (let k = 0; k < kc; k++) {
    const row = (k0 + k) * D;
    for (let c = 0; c < Dp; c++) f[off + ((c >> 3) * kc + k) * 8 + (c & 7)] = c < D ? f64At(Y, row + c) : 0;
  }
}

/** Packs the rest × w panel of L below a diagonal block (row-major at `src`, stride N) transposed into strips. */
function packPanel(f: Float64Array, off: number, src: number, N: number, rest: number, w: number): void {
  for (let i = 0; i < rest; i++) {
    const row = src + i * N;
    const base = off + (i >> 3) * w * 8 + (i & 7);
    for (let p = 0; p < w; p++) f[base + p * 8] = f64At(f, row + p);
  }
}

/** Copies rows k0..k0+kc of A (columns `cols`) row-major (stride Np) to `off`, zero rows up to `rows`. */
function copyRows(f: Float64Array, off: number, A: Float64Array, n: number, cols: Int32Array, k0: number, kc: number, rows: number, Np: number): void {
  const nA = cols.length;
  for (let k = 0; k < rows; k++) {
    const dst = off + k * Np;
    if (k >= kc) {
      f.fill(0, dst, dst + Np);
      continue;
    }
    const row = (k0 + k) * n;
    if (nA === n) f.set(A.subarray(row, row + n), dst);
    else for (let i = 0; i < nA; i++) f[dst + i] = f64At(A, row + i32At(cols, i));
    f.fill(0, dst + nA, dst + Np);
  }
}

/** Copies rows k0..k0+kc of Y (m × D) row-major (stride Dp) to `off`, zero rows up to `rows`. */
function copyTargets(f: Float64Array, off: number, Y: Float64Array, D: number, k0: number, kc: number, rows: number, Dp: number): void {
  for (let k = 0; k < rows; k++) {
    const dst = off + k * Dp;
    f.fill(0, dst, dst + Dp);
    if (k < kc) f.set(Y.subarray((k0 + k) * D, (k0 + k + 1) * D), dst);
  }
}
