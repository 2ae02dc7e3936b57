// Checked element reads for code that indexes arrays by computed positions (dense linear algebra,
// FFTs, filters). With `noUncheckedIndexedAccess` a read `a[i]` has type `T | undefined`; these
// helpers return `T` and throw an `InternalError` naming the array's length and the index when the
// position is outside the array, instead of letting `undefined` turn into NaN downstream.
//
// One helper per element kind keeps each one's property load monomorphic, so that V8 inlines it
// into hot loops where it adds one compare to the bounds check V8 already does. Measured on a
// shared 2-core machine (load ~16; min of 30 interleaved runs, against the code with `]!`):
// gramAtA + cholesky + matMul 400 × 300, fft 2^16, nnls 120 × 80, lstsqSvd 200 × 80 and expm
// 40 × 40 all gave the same bits and times within 0.5x-1.25x either way, no more than two copies
// of identical code differ there; `npm run bench` on a quiet machine is the figure to trust.
// `elemAt` is the generic one for arrays of objects and `numAt` for numeric arrays of any kind,
// off the hot paths.

import { InternalError } from "../errors.js";

function outside(what: string, length: number, i: number): InternalError {
  return new InternalError(`${what} index ${i} is outside [0, ${length})`);
}

/** `a[i]` of a Float64Array, or an `InternalError` if i is outside it. */
export function f64At(a: Float64Array, i: number): number {
  const v = a[i];
  if (v === undefined) throw outside("Float64Array", a.length, i);
  return v;
}

/** `a[i]` of a Float32Array, or an `InternalError` if i is outside it. */
export function f32At(a: Float32Array, i: number): number {
  const v = a[i];
  if (v === undefined) throw outside("Float32Array", a.length, i);
  return v;
}

/** `a[i]` of an Int32Array, or an `InternalError` if i is outside it. */
export function i32At(a: Int32Array, i: number): number {
  const v = a[i];
  if (v === undefined) throw outside("Int32Array", a.length, i);
  return v;
}

/** `a[i]` of an array whose elements are never `undefined`, or an `InternalError` if i is outside it. */
export function elemAt<T extends object | string | number | boolean | bigint | symbol | null>(a: ArrayLike<T>, i: number): T {
  const v = a[i];
  if (v === undefined) throw outside("array", a.length, i);
  return v;
}

/** `a[i]` of a numeric array (plain or typed, either precision), or an `InternalError` if i is outside it. */
export function numAt(a: ArrayLike<number>, i: number): number {
  const v = a[i];
  if (v === undefined) throw outside("array", a.length, i);
  return v;
}
