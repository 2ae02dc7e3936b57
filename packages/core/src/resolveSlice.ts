import { ValidationError } from "./errors.js";
import { showValue } from "./internal/showValue.js";

/**
 * Dimension indices to take from the pre object or to feed into the post object, as Nengo takes
 * them: a list of integer indices (negative counts from the end), a boolean mask with one entry
 * per dimension, or a Python-style slice `{ start, stop, step }` (integers; out-of-range bounds
 * are clipped, as Python does).
 */
export type Slice =
  | readonly number[]
  | readonly boolean[]
  | { readonly start?: number | undefined; readonly stop?: number | undefined; readonly step?: number | undefined };

/**
 * Resolves a slice against a size into explicit indices (or null for "all").
 * @param where how messages name the object the slice belongs to (e.g. `Connection 'c'`)
 * @param attr the attribute holding the slice (e.g. `preSlice`)
 * @throws ValidationError for a NaN, infinite, fractional or out-of-range index, a mask of the
 *   wrong length, a step of 0, or a value that is none of the forms above.
 */
export function resolveSlice(slice: Slice | undefined, size: number, where = "slice", attr = "slice"): Int32Array | null {
  if (slice === undefined) return null;
  const fail = (message: string): never => {
    throw new ValidationError({ object: where, attr, message });
  };
  if (slice === null || typeof slice !== "object") return fail(`must be a list of indices, a boolean mask or { start, stop, step } (got ${showValue(slice)})`);
  if (Array.isArray(slice) || ArrayBuffer.isView(slice)) return fromList(slice as ArrayLike<unknown>, size, fail);
  const s = slice as Exclude<Slice, readonly unknown[]>;
  for (const key of Object.keys(s)) {
    if (key !== "start" && key !== "stop" && key !== "step") fail(`'${key}' is not a slice field; use start, stop and step`);
  }
  for (const key of ["start", "stop", "step"] as const) {
    const v: unknown = s[key];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v))) fail(`${key} must be an integer (got ${showValue(v)})`);
  }
  const step = s.step ?? 1;
  if (step === 0) fail("step cannot be 0");
  return Int32Array.from(pythonRange(s.start, s.stop, step, size));
}

function fromList(list: ArrayLike<unknown>, size: number, fail: (message: string) => never): Int32Array {
  const n = list.length;
  if (n > 0 && typeof list[0] === "boolean") {
    if (n !== size) fail(`a boolean mask needs one entry per dimension (${size}), got ${n}`);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      if (typeof list[i] !== "boolean") fail(`entry ${i} is ${String(list[i])}; a mask holds booleans only`);
      if (list[i] === true) out.push(i);
    }
    return Int32Array.from(out);
  }
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = list[k];
    if (typeof v !== "number" || !Number.isInteger(v)) fail(`entry ${k} is ${String(v)}; indices must be integers`);
    const i = v as number;
    if (i < -size || i >= size) fail(`index ${i} is out of range for size ${size}`);
    out[k] = i < 0 ? size + i : i;
  }
  return out;
}

/** The indices of Python's `range(*slice(start, stop, step).indices(size))`. */
function pythonRange(start: number | undefined, stop: number | undefined, step: number, size: number): number[] {
  const clip = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const bound = (v: number | undefined, dflt: number, lo: number, hi: number): number => (v === undefined ? dflt : clip(v < 0 ? v + size : v, lo, hi));
  const out: number[] = [];
  if (step > 0) {
    const lo = bound(start, 0, 0, size);
    const hi = bound(stop, size, 0, size);
    for (let i = lo; i < hi; i += step) out.push(i);
  } else {
    const hi = bound(start, size - 1, -1, size - 1);
    const lo = bound(stop, -1, -1, size - 1);
    for (let i = hi; i > lo; i += step) out.push(i);
  }
  return out;
}
