import { BuildError, type Convolution, type ConvolutionTranspose, convolutionTaps, deriveSeed, Rng, Sparse } from "@plexus/core";
import { f64At, i32At } from "@plexus/core/runtime";
import type { BuildContext } from "../BuildContext.js";
import type { Kernel } from "../Kernel.js";
import { sparseDotIncKernel } from "../kernels/sparseDotIncKernel.js";
import type { Target } from "../kernels/Target.js";
import type { Signal } from "../Signal.js";

/** The transforms applied as a sparse product (their weights are not a dense matrix). */
export type StructuredTransform = Sparse | Convolution | ConvolutionTranspose;

/** The largest number of stored entries (sparse values or convolution taps) a connection may have. */
const MAX_ENTRIES = 1 << 26;

/** What the builder needs of a transform applied as a sparse product. */
export interface TransformProduct {
  /** Rows of the product (the transform's output size). */
  readonly rows: number;
  /** Columns of the product (the transform's input size). */
  readonly cols: number;
  /** The parameters as Nengo's built weights: the sparse values, or the kernel. */
  readonly weights: Float64Array;
  readonly weightsShape: readonly number[];
  /** The buffer holding the weights (what a probe of "weights" records). */
  readonly weightSignal: Signal;
  /** The product kernel writing into a target (whose plain-ness decides the layout). */
  kernel(dst: Target): Kernel;
  /** The dense `rows × cols` equivalent (computed when asked). */
  dense(): Float64Array;
  readonly sparseIndices?: { readonly rows: Int32Array; readonly cols: Int32Array };
}

/**
 * The generator a connection's transform is drawn from: the connection's seed, on a stream of its
 * own (so its draws do not depend on how many the eval points and solver took).
 */
export function transformRng(seed: number): Rng {
  return new Rng(deriveSeed(seed, "transform"));
}

/**
 * Lays out a Sparse, Convolution or ConvolutionTranspose transform as a sparse product of `x`:
 * the values drawn (or given) as Nengo's `sample`, or the `override` weights (the trained
 * parameters, same size); by rows (CSR), or by columns over the nonzero inputs for spiking `x`.
 */
export function transformProduct(
  t: StructuredTransform,
  x: Signal,
  spiking: boolean,
  override: Float64Array | undefined,
  owner: string,
  ctx: BuildContext,
  seed: number,
): TransformProduct {
  const R = t.sizeOut;
  const C = t.sizeIn;
  const rng = transformRng(seed);
  let weights: Float64Array;
  let weightsShape: readonly number[];
  let entryRows: Int32Array;
  let entryCols: Int32Array;
  let values: Float64Array;
  let sparseIndices: TransformProduct["sparseIndices"];
  // the entries by rows: a convolution's taps already are (CSR); a Sparse's are grouped when asked
  let csr: Compressed | null = null;
  if (t.kind === "Sparse") {
    const e = t.sample(rng);
    weights = override !== undefined ? Float64Array.from(override) : e.data;
    weightsShape = [weights.length];
    entryRows = e.rows;
    entryCols = e.cols;
    values = weights;
    sparseIndices = { rows: e.rows, cols: e.cols };
  } else {
    weights = override !== undefined ? Float64Array.from(override) : t.sample(rng);
    weightsShape = t.kernelShape;
    const taps = convolutionTaps(t);
    const nTaps = taps.inputIndex.length;
    if (nTaps > MAX_ENTRIES)
      throw new BuildError(`${owner}: the ${t.kind} has ${nTaps} taps, more than the simulator's limit of ${MAX_ENTRIES}`, { label: owner });
    entryRows = rowsOf(taps.rowPtr, R, nTaps);
    entryCols = taps.inputIndex;
    values = new Float64Array(nTaps);
    for (let q = 0; q < nTaps; q++) {
      const k = i32At(taps.kernelIndex, q);
      const w = weights[k];
      if (w === undefined) throw new BuildError(`${owner}: the ${t.kind} has ${weights.length} weights, its taps use weight ${k}`, { label: owner });
      values[q] = w;
    }
    csr = { ptr: taps.rowPtr, index: taps.inputIndex, values };
  }
  const weightSignal = ctx.constant(`${owner}.weights`, Float64Array.from(weights));
  let byRows: { ptr: Int32Array; index: Int32Array; values: Signal } | null = null;
  let byColumns: { ptr: Int32Array; index: Int32Array; values: Signal } | null = null;
  return {
    rows: R,
    cols: C,
    weights,
    weightsShape,
    weightSignal,
    ...(sparseIndices !== undefined ? { sparseIndices } : {}),
    kernel(dst) {
      if (spiking && dst.index === null && dst.gains === null) {
        if (byColumns === null) {
          const csc = compress(entryCols, entryRows, values, C);
          byColumns = { ptr: csc.ptr, index: csc.index, values: ctx.constant(`${owner}.sparseColumns`, csc.values) };
        }
        return sparseDotIncKernel({ values: byColumns.values, ptr: byColumns.ptr, index: byColumns.index, layout: "columns", rows: R, cols: C, x, dst, owner });
      }
      if (byRows === null) {
        csr ??= compress(entryRows, entryCols, values, R);
        byRows = { ptr: csr.ptr, index: csr.index, values: ctx.constant(`${owner}.sparse`, csr.values) };
      }
      return sparseDotIncKernel({ values: byRows.values, ptr: byRows.ptr, index: byRows.index, layout: "rows", rows: R, cols: C, x, dst, owner });
    },
    dense: () => Sparse.toDense([R, C], { rows: entryRows, cols: entryCols, data: values }),
  };
}

/** Entries grouped by a major index: pointers (`n + 1`), minor indices, values. */
interface Compressed {
  readonly ptr: Int32Array;
  readonly index: Int32Array;
  readonly values: Float64Array;
}

/** The row of each of `nnz` entries stored by rows (`ptr`, `rows + 1` pointers). */
function rowsOf(ptr: Int32Array, rows: number, nnz: number): Int32Array {
  const out = new Int32Array(nnz);
  for (let r = 0; r < rows; r++) out.fill(r, i32At(ptr, r), i32At(ptr, r + 1));
  return out;
}

/** Entries grouped by `major` (stable: within a group, in the given order). */
function compress(major: Int32Array, minor: Int32Array, values: Float64Array, n: number): Compressed {
  const nnz = major.length;
  const ptr = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) {
    const m = i32At(major, k) + 1;
    ptr[m] = i32At(ptr, m) + 1;
  }
  for (let i = 0; i < n; i++) ptr[i + 1] = i32At(ptr, i + 1) + i32At(ptr, i);
  const next = ptr.slice(0, n);
  const index = new Int32Array(nnz);
  const out = new Float64Array(nnz);
  for (let k = 0; k < nnz; k++) {
    const m = i32At(major, k);
    const p = i32At(next, m);
    next[m] = p + 1;
    index[p] = i32At(minor, k);
    out[p] = f64At(values, k);
  }
  return { ptr, index, values: out };
}
