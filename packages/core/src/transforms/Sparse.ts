import { Distribution } from "../distributions/Distribution.js";
import { ValidationError } from "../errors.js";
import { f64At, i32At } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import { firstNonFinite, type NumericLike, toShaped } from "../internal/shape.js";
import type { Rng } from "../Rng.js";
import { checkShape } from "./shapeChecks.js";
import { Transform } from "./Transform.js";

export interface SparseOptions {
  /** `[sizeOut, sizeIn]`, the shape of the full matrix. */
  readonly shape: readonly [number, number] | readonly number[];
  /**
   * The `(row, column)` of each stored entry (COO), as `[[r, c], ...]` or flat `[r0, c0, r1, c1, ...]`.
   * Without indices, `init` must be the full matrix, and its nonzero entries are stored.
   */
  readonly indices?: ArrayLike<readonly [number, number] | ArrayLike<number>> | ArrayLike<number>;
  /**
   * With `indices`: the values of the entries (one per index), one value for all, or a
   * Distribution sampled at build with the connection's seed (default 1). Without indices: the
   * dense `sizeOut × sizeIn` matrix (Nengo takes a `scipy.sparse` matrix there).
   */
  readonly init?: number | ArrayLike<number> | ArrayLike<ArrayLike<number>> | Distribution;
}

/** The entries of a sparse matrix in COO form (entries with the same index add up). */
export interface SparseEntries {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly data: Float64Array;
}

/** A sparse matrix transform (Nengo's `nengo.transforms.Sparse`), applied as `y = W x`. */
export class Sparse extends Transform {
  readonly kind = "Sparse" as const;
  /** `[sizeOut, sizeIn]`. */
  readonly shape: readonly [number, number];
  /** Row of each stored entry. */
  readonly rows: Int32Array;
  /** Column of each stored entry. */
  readonly cols: Int32Array;
  /** The entries' values, or the distribution to draw them from. */
  readonly init: Float64Array | Distribution;

  /** @throws ValidationError naming `Sparse` for a bad shape, indices out of range or a wrong number of values. */
  constructor(options: SparseOptions) {
    super();
    const opts = optionsObject(options, new.target.name) as SparseOptions;
    const [R, C] = checkShape("Sparse", "shape", opts.shape, 2, 1) as [number, number];
    this.shape = [R, C];
    const e = sparseInit(opts, R, C);
    this.rows = e.rows;
    this.cols = e.cols;
    this.init = e.init;
  }

  get sizeIn(): number {
    return this.shape[1];
  }

  get sizeOut(): number {
    return this.shape[0];
  }

  /** Number of stored entries. */
  get size(): number {
    return this.rows.length;
  }

  /** The entries, their values drawn from `rng` when `init` is a distribution (Nengo's `Sparse.sample`). */
  sample(rng: Rng): SparseEntries {
    const data = this.init instanceof Distribution ? this.init.sample(this.size, 1, rng) : Float64Array.from(this.init);
    return { rows: Int32Array.from(this.rows), cols: Int32Array.from(this.cols), data };
  }

  /** The full `sizeOut × sizeIn` matrix, row-major, of given entries (duplicates add up). */
  static toDense(shape: readonly [number, number], e: SparseEntries): Float64Array {
    const out = new Float64Array(shape[0] * shape[1]);
    for (let k = 0; k < e.rows.length; k++) {
      const at = i32At(e.rows, k) * shape[1] + i32At(e.cols, k);
      out[at] = f64At(out, at) + f64At(e.data, k);
    }
    return out;
  }
}

function sparseInit(options: SparseOptions, R: number, C: number): { rows: Int32Array; cols: Int32Array; init: Float64Array | Distribution } {
  const fail = (attr: string, message: string): never => {
    throw new ValidationError({ object: "Sparse", attr, message });
  };
  const init = options.init ?? 1;
  if (options.indices === undefined) {
    if (init instanceof Distribution || typeof init === "number") {
      return fail("init", "without indices, init must be the full matrix (give indices to use a value or a distribution)");
    }
    const s = toShaped(init as NumericLike);
    if (typeof s === "string") return fail("init", s);
    if (s.shape.length !== 2 || s.shape[0] !== R || s.shape[1] !== C)
      fail("init", `the full matrix must have shape (${R}, ${C}) (got (${s.shape.join(", ")}))`);
    const bad = firstNonFinite(s.data);
    if (bad >= 0) fail("init", `entry ${bad} is ${s.data[bad]}; transforms must be finite`);
    const rows: number[] = [];
    const cols: number[] = [];
    const data: number[] = [];
    for (let k = 0; k < s.data.length; k++) {
      if (s.data[k] !== 0) {
        rows.push(Math.floor(k / C));
        cols.push(k % C);
        data.push(f64At(s.data, k));
      }
    }
    return { rows: Int32Array.from(rows), cols: Int32Array.from(cols), init: Float64Array.from(data) };
  }
  const [rows, cols] = coo(options.indices, R, C, fail);
  const n = rows.length;
  if (init instanceof Distribution) return { rows, cols, init };
  if (typeof init === "number") {
    if (!Number.isFinite(init)) fail("init", `must be finite (got ${init})`);
    return { rows, cols, init: new Float64Array(n).fill(init) };
  }
  const s = toShaped(init as NumericLike);
  if (typeof s === "string" || s.shape.length !== 1)
    return fail("init", "with indices, init must be a number, a vector of one value per index, or a Distribution");
  if (s.data.length !== 1 && s.data.length !== n) fail("init", `must be a vector of the same length as indices (${n}, got ${s.data.length})`);
  const values = s.data.length === 1 && n !== 1 ? new Float64Array(n).fill(f64At(s.data, 0)) : s.data;
  const bad = firstNonFinite(values);
  if (bad >= 0) fail("init", `entry ${bad} is ${values[bad]}; transforms must be finite`);
  return { rows, cols, init: values };
}

function coo(indices: NonNullable<SparseOptions["indices"]>, R: number, C: number, fail: (attr: string, message: string) => never): [Int32Array, Int32Array] {
  const list = Array.from(indices as ArrayLike<unknown>);
  const flat = list.length === 0 || typeof list[0] === "number";
  if (flat && list.length % 2 !== 0) fail("indices", `a flat list of (row, column) pairs needs an even length (got ${list.length})`);
  const n = flat ? list.length / 2 : list.length;
  const rows = new Int32Array(n);
  const cols = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let r: unknown;
    let c: unknown;
    if (flat) {
      r = list[2 * k];
      c = list[2 * k + 1];
    } else {
      const pair = list[k] as ArrayLike<unknown> | undefined;
      if (pair === undefined || pair === null || typeof pair !== "object" || pair.length !== 2)
        return fail("indices", `entry ${k} must be a (row, column) pair`);
      r = pair[0];
      c = pair[1];
    }
    if (typeof r !== "number" || !Number.isInteger(r) || r < 0 || r >= R) fail("indices", `entry ${k}: row ${String(r)} is not an integer in [0, ${R})`);
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c >= C) fail("indices", `entry ${k}: column ${String(c)} is not an integer in [0, ${C})`);
    rows[k] = r as number;
    cols[k] = c as number;
  }
  return [rows, cols];
}
