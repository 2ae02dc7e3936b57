import { ValidationError } from "../errors.js";
import { elemAt, numAt } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";

/** Values given as numbers or as rows of numbers, flattened row-major. */
export interface ValueRows {
  readonly data: Float64Array;
  /** How many numbers or rows. */
  readonly count: number;
  /** 0 for numbers (Nengo's 1-D array), else the length of each row. */
  readonly dimensions: number;
}

/**
 * Reads `values` (numbers, or rows of equal length) of `object.attr` into one Float64Array;
 * messages call each value a `noun` ("option").
 * @throws ValidationError for no values, ragged rows, or entries that are not numbers (NaN included).
 */
export function valueRows(object: string, attr: string, values: ArrayLike<number> | ArrayLike<ArrayLike<number>>, noun: string): ValueRows {
  if (typeof values !== "object" || values === null || typeof values.length !== "number") {
    throw new ValidationError({ object, attr, message: `must be an array of ${noun}s (numbers, or arrays of numbers) (got ${showValue(values)})` });
  }
  const n = values.length;
  if (n === 0) throw new ValidationError({ object, attr, message: `must hold at least one ${noun} (got none)` });
  const first = values[0];
  let data: Float64Array;
  let dimensions = 0;
  if (typeof first === "number") {
    data = Float64Array.from(values as ArrayLike<number>);
  } else {
    const rows = values as ArrayLike<ArrayLike<number>>;
    dimensions = typeof first === "object" && first !== null ? (first as ArrayLike<number>).length : 0;
    data = new Float64Array(n * dimensions);
    for (let i = 0; i < n; i++) {
      const row = elemAt(rows, i);
      if (typeof row !== "object" || row === null || row.length !== dimensions) {
        throw new ValidationError({ object, attr, message: `${noun} ${i} must have length ${dimensions} like ${noun} 0 (got ${showValue(row)})` });
      }
      for (let j = 0; j < dimensions; j++) data[i * dimensions + j] = numAt(row, j);
    }
  }
  for (const v of data) {
    if (typeof v !== "number" || Number.isNaN(v)) throw new ValidationError({ object, attr, message: `must be numbers (got ${showValue(v)})` });
  }
  return { data, count: n, dimensions };
}
