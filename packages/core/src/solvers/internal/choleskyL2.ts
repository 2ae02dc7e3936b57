import { BuildError, InternalError } from "../../errors.js";
import { elemAt, f64At, numAt } from "../../internal/checked.js";
import { choleskyFactor, choleskySolve } from "../../internal/linalg/cholesky.js";
import { gramAAt, gramAtA, matTMul, rmses } from "../../internal/linalg/dense.js";
import { choleskyL2Wasm, choleskyL2WasmTransposed, type WasmCholeskyResult, type WasmCholeskyStats } from "../../internal/linalg/wasm/choleskyWasm.js";
import { defaultThreads } from "../../internal/linalg/wasm/WasmSession.js";

/** m·n² above which the WebAssembly engine beats plain JS (it has a fixed start-up cost). */
const WASM_MIN_WORK = 2e6;
/** m·n² above which helper threads pay for their start-up and synchronisation. */
const THREADS_MIN_WORK = 2e9;

/** Which implementation runs the Gram products, the factorisation and the solves. */
export type LinalgEngine = "auto" | "js" | "wasm";

/** Decoders and RMS errors per target. */
export interface MultiSolve {
  readonly decoders: Float64Array[];
  readonly rmses: Float64Array[];
}

/**
 * Nengo's `Cholesky` least-squares sub-solver for several targets at once: solves
 * (AᵀA + m·diag(σ²)) X = AᵀY, or, when `transpose`, X = Aᵀ(AAᵀ + m·σ²·I)⁻¹Y, sharing one Gram
 * matrix and one factorisation between the targets. `sigma` is one number or one per neuron.
 * @throws BuildError when the regularised Gram matrix is not positive definite.
 */
export function choleskyL2(
  kind: string,
  A: Float64Array,
  m: number,
  n: number,
  Ys: readonly Float64Array[],
  ds: readonly number[],
  sigma: number | Float64Array,
  transpose: boolean,
  engine: LinalgEngine = "auto",
  stats?: WasmCholeskyStats,
): MultiSolve {
  const D = ds.reduce((a, b) => a + b, 0);
  const Ycat = concatColumns(Ys, m, ds, D);
  const work = transpose ? n * m * m : m * n * n;
  if (engine === "wasm" || (engine === "auto" && work >= WASM_MIN_WORK)) {
    const threads = work >= THREADS_MIN_WORK ? defaultThreads() : 1;
    let fast: WasmCholeskyResult | null;
    if (transpose) {
      if (typeof sigma !== "number") throw new InternalError("choleskyL2: the transposed form takes one sigma (a number), not one per column");
      fast = choleskyL2WasmTransposed(A, m, n, Ycat, D, m * sigma * sigma, threads, stats);
    } else {
      const lambda = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const s = typeof sigma === "number" ? sigma : f64At(sigma, j);
        lambda[j] = m * s * s;
      }
      fast = choleskyL2Wasm(A, m, n, Ycat, D, lambda, threads, stats);
    }
    if (fast !== null) {
      if (!fast.ok) throw notPositiveDefinite(kind, fast.pivot, transpose ? m : n);
      return { decoders: splitColumns(fast.X, n, ds, D), rmses: splitColumns(fast.rmses, 1, ds, D) };
    }
  }
  let X: Float64Array;
  if (transpose) {
    if (typeof sigma !== "number") throw new InternalError("choleskyL2: the transposed form takes one sigma (a number), not one per column");
    const G = gramAAt(A, m, n);
    addDiagonal(G, m, sigma, m);
    factorOrThrow(kind, G, m);
    choleskySolve(G, m, Ycat, D);
    X = matTMul(A, m, n, Ycat, D);
  } else {
    const G = gramAtA(A, m, n);
    addDiagonal(G, n, sigma, m);
    factorOrThrow(kind, G, n);
    X = matTMul(A, m, n, Ycat, D);
    choleskySolve(G, n, X, D);
  }
  const decoders = splitColumns(X, n, ds, D);
  return { decoders, rmses: decoders.map((Xt, t) => rmses(A, Xt, elemAt(Ys, t), m, n, numAt(ds, t))) };
}

/** Adds m·σ² (σ one number or one per row) to the diagonal of the k × k matrix G. */
function addDiagonal(G: Float64Array, k: number, sigma: number | Float64Array, m: number): void {
  for (let i = 0; i < k; i++) {
    const s = typeof sigma === "number" ? sigma : f64At(sigma, i);
    G[i * k + i] = f64At(G, i * k + i) + m * s * s;
  }
}

function factorOrThrow(kind: string, G: Float64Array, k: number): void {
  const bad = choleskyFactor(G, k);
  if (bad >= 0) throw notPositiveDefinite(kind, bad, k);
}

function notPositiveDefinite(kind: string, pivot: number, k: number): BuildError {
  return new BuildError(
    `${kind}: the regularised Gram matrix is not positive definite (pivot ${pivot} of ${k}); increase reg or check the activities for NaN`,
    { label: kind },
  );
}

/** The targets side by side: an m × D matrix. */
export function concatColumns(Ys: readonly Float64Array[], m: number, ds: readonly number[], D: number): Float64Array {
  if (Ys.length === 1) return Float64Array.from(elemAt(Ys, 0));
  const out = new Float64Array(m * D);
  let off = 0;
  Ys.forEach((Y, t) => {
    const d = numAt(ds, t);
    for (let r = 0; r < m; r++) for (let c = 0; c < d; c++) out[r * D + off + c] = f64At(Y, r * d + c);
    off += d;
  });
  return out;
}

/** Splits the rows × D matrix X into blocks of ds[t] columns. */
export function splitColumns(X: Float64Array, rows: number, ds: readonly number[], D: number): Float64Array[] {
  if (ds.length === 1) return [X];
  let off = 0;
  return ds.map((d) => {
    const out = new Float64Array(rows * d);
    for (let r = 0; r < rows; r++) for (let c = 0; c < d; c++) out[r * d + c] = f64At(X, r * D + off + c);
    off += d;
    return out;
  });
}
