// Helpers that turn user-given numbers into checked row-major Float64Arrays.

import { ValidationError } from "../errors.js";
import { elemAt, numAt } from "./checked.js";
import { kindOf } from "./optionsObject.js";

/** A matrix or vector as the user may give it. */
export type NumericLike = number | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

export interface Shaped {
  readonly data: Float64Array;
  /** [] for a scalar, [n] for a vector, [rows, cols] for a matrix. */
  readonly shape: readonly number[];
}

/** Returns the data and shape of a scalar, vector or (possibly ragged → error string) matrix. */
export function toShaped(x: NumericLike): Shaped | string {
  if (typeof x === "number") return { data: Float64Array.of(x), shape: [] };
  if (x instanceof Float64Array || x instanceof Float32Array) return { data: Float64Array.from(x), shape: [x.length] };
  if (typeof x !== "object" || x === null || typeof x.length !== "number") return `not a number or an array of numbers (got ${kindOf(x)})`;
  const n = x.length;
  if (n === 0) return { data: new Float64Array(0), shape: [0] };
  const first = (x as ArrayLike<unknown>)[0];
  if (typeof first === "number") {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = (x as ArrayLike<unknown>)[i];
      if (typeof v !== "number") return `row ${i} is not a number`;
      data[i] = v;
    }
    return { data, shape: [n] };
  }
  const rows = x as ArrayLike<ArrayLike<number>>;
  if (typeof first !== "object" || first === null || typeof (first as { length?: unknown }).length !== "number")
    return `row 0 is not a number or an array of numbers (got ${kindOf(first)})`;
  const cols = elemAt(rows, 0).length;
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === undefined || typeof row === "number" || row.length !== cols) {
      return `row ${i} has ${row === undefined || typeof row === "number" ? "no" : row.length} entries, expected ${cols} (ragged matrix)`;
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = numAt(row, j);
  }
  return { data, shape: [n, cols] };
}

/** The index of the first non-finite entry, or -1. */
export function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(numAt(a, i))) return i;
  return -1;
}

/** Formats a shape as `(3, 2)`. */
export function fmtShape(shape: readonly number[]): string {
  if (!Array.isArray(shape))
    throw new ValidationError({ object: "fmtShape", attr: "shape", message: `must be an array of sizes, e.g. [3, 2] (got ${kindOf(shape)})` });
  return `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
}
