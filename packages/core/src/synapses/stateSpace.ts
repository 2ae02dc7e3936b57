// Transfer function → state space → discrete state space, as Nengo's nengo/utils/filter_design.py
// (scipy's `normalize`, `tf2ss` and `cont2discrete`). Single input, single output; matrices are
// row-major Float64Arrays.

import { f64At, numAt } from "../internal/checked.js";
import { expm, matmul, solve } from "../internal/expm.js";
import * as libm from "../runtime/libm.js";

/** A single-input single-output state-space system (row-major A n×n, B n×1, C 1×n, scalar D). */
export interface StateSpace {
  readonly order: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly d: number;
}

/** Discretisation methods of `cont2discrete` that Nengo's LinearFilter accepts. */
export type DiscretizeMethod = "zoh" | "bilinear" | "euler" | "backward_diff";

/**
 * scipy's `normalize`: strips leading zeros of the denominator, divides both by its leading
 * coefficient, and strips leading numerator coefficients within 1e-14 of 0 (keeping one).
 * Throws RangeError when the denominator is all zeros.
 */
export function normalizeTf(num: readonly number[], den: readonly number[]): { num: number[]; den: number[] } {
  let a = [...den];
  while (a[0] === 0 && a.length > 1) a = a.slice(1);
  const a0 = numAt(a, 0);
  if (a0 === 0 || a.length === 0) throw new RangeError("the denominator must have a non-zero coefficient");
  let b = num.map((x) => (x * 1.0) / a0);
  const outA = a.map((x) => (x * 1.0) / a0);
  // numpy's allclose(0, b[0], atol=1e-14) with its default rtol 1e-5 (relative to b[0])
  const nearZero = (x: number): boolean => Math.abs(x) <= 1e-14 + 1e-5 * Math.abs(x);
  while (b.length > 1 && nearZero(numAt(b, 0))) b = b.slice(1);
  return { num: b, den: outA };
}

/** scipy's `tf2ss`: the controller canonical realisation. Throws RangeError if improper. */
export function tf2ss(numIn: readonly number[], denIn: readonly number[]): StateSpace {
  const { num, den } = normalizeTf(numIn, denIn);
  const m = num.length;
  const k = den.length;
  if (m > k) throw new RangeError("improper transfer function: the numerator is longer than the denominator");
  const padded = new Array<number>(k - m).fill(0).concat(num);
  const d = numAt(padded, 0);
  const n = k - 1;
  if (n === 0) return { order: 0, a: new Float64Array(0), b: new Float64Array(0), c: new Float64Array(0), d };
  const a = new Float64Array(n * n);
  for (let j = 0; j < n; j++) a[j] = -1 * numAt(den, j + 1);
  for (let i = 1; i < n; i++) a[i * n + (i - 1)] = 1;
  const b = new Float64Array(n);
  b[0] = 1;
  const c = new Float64Array(n);
  for (let j = 0; j < n; j++) c[j] = numAt(padded, j + 1) - numAt(padded, 0) * numAt(den, j + 1);
  return { order: n, a, b, c, d };
}

/**
 * scipy's `cont2discrete` for a state-space system. `zoh` takes the matrix exponential of the
 * augmented matrix dt·[[A, B], [0, 0]]; the others are the generalised bilinear transform with
 * alpha 0.5 (bilinear), 0 (euler) and 1 (backward_diff).
 */
export function cont2discrete(sys: StateSpace, dt: number, method: DiscretizeMethod): StateSpace {
  const n = sys.order;
  if (n === 0) return sys;
  if (method === "zoh") {
    const m = n + 1;
    const em = new Float64Array(m * m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) em[i * m + j] = dt * f64At(sys.a, i * n + j);
      em[i * m + n] = dt * f64At(sys.b, i);
    }
    const ms = expm(em, m);
    const a = new Float64Array(n * n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[i * n + j] = f64At(ms, i * m + j);
      b[i] = f64At(ms, i * m + n);
    }
    if (a.every(Number.isFinite) && b.every(Number.isFinite)) return { order: n, a, b, c: Float64Array.from(sys.c), d: sys.d };
    return zohFast(sys, dt);
  }
  const alpha = method === "bilinear" ? 0.5 : method === "euler" ? 0 : 1;
  const ima = new Float64Array(n * n);
  const ipa = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const eye = i === j ? 1 : 0;
      ima[i * n + j] = eye - alpha * dt * f64At(sys.a, i * n + j);
      ipa[i * n + j] = eye + (1 - alpha) * dt * f64At(sys.a, i * n + j);
    }
  }
  const a = solve(ima, ipa, n, n);
  const dtb = new Float64Array(n);
  for (let i = 0; i < n; i++) dtb[i] = dt * f64At(sys.b, i);
  const b = solve(ima, dtb, n, 1);
  const imaT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) imaT[i * n + j] = f64At(ima, j * n + i);
  const c = solve(imaT, sys.c, n, 1);
  const d = sys.d + alpha * f64At(matmul(sys.c, b, 1, n, 1), 0);
  return { order: n, a, b, c, d };
}

/**
 * Zero-order hold for a system much faster than `dt` (e.g. a Lowpass with tau below about
 * dt/1400), where the scaling and squaring of the augmented matrix overflows (scipy's vendored
 * copy in Nengo gives NaN there too): `Ad = exp(dt·A)` on its own, and `Bd = A⁻¹ (Ad − I) B`
 * (A is invertible for the stable filters that get here). One state: `Bd = B·expm1(dt·a)/a`, so a
 * tiny-tau Lowpass steps with a -> 0 and C·Bd -> 1 (no filter), as scipy's `cont2discrete` of the
 * transfer function gives.
 */
function zohFast(sys: StateSpace, dt: number): StateSpace {
  const n = sys.order;
  if (n === 1) {
    const a0 = f64At(sys.a, 0);
    const a = Float64Array.of(libm.exp(dt * a0));
    const b = Float64Array.of(a0 === 0 ? dt * f64At(sys.b, 0) : (f64At(sys.b, 0) * libm.expm1(dt * a0)) / a0);
    return { order: 1, a, b, c: Float64Array.from(sys.c), d: sys.d };
  }
  const adt = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) adt[i] = dt * f64At(sys.a, i);
  const a = expm(adt, n);
  const rhs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = -f64At(sys.b, i);
    for (let j = 0; j < n; j++) s += f64At(a, i * n + j) * f64At(sys.b, j);
    rhs[i] = s;
  }
  const b = solve(sys.a, rhs, n, 1);
  return { order: n, a, b, c: Float64Array.from(sys.c), d: sys.d };
}
