import { elemAt, f64At, numAt } from "../internal/checked.js";
/**
 * Interpolating B-splines as scipy's `make_interp_spline` builds them for `interp1d(kind=
 * "quadratic" | "cubic")`: degree k, not-a-knot knots (for k = 2, the midpoints between the data
 * points without the first and last), coefficients solved from the collocation system.
 */

/** An interpolating spline through (x, y): `evaluate(t, out)` writes the value at t (x[0] <= t <= x[n-1]). */
export interface InterpSpline {
  evaluate(t: number, out: Float64Array): void;
}

/** The knots scipy uses for an interpolating spline of degree k (2 or 3) through x. */
function knots(x: readonly number[], k: 2 | 3): number[] {
  const n = x.length;
  const inner =
    k === 2
      ? x
          .slice(1)
          .map((v, i) => (v + numAt(x, i)) / 2)
          .slice(1, -1)
      : x.slice(2, n - 2);
  return [...new Array<number>(k + 1).fill(numAt(x, 0)), ...inner, ...new Array<number>(k + 1).fill(numAt(x, n - 1))];
}

/** The interval l (k <= l < nCoef) with t[l] <= x < t[l+1]; the last one at the right end. */
function findInterval(t: readonly number[], k: number, nCoef: number, x: number): number {
  let l = k;
  while (l < nCoef - 1 && x >= numAt(t, l + 1)) l++;
  return l;
}

/** The k+1 nonzero B-spline basis values at x on interval l (de Boor's recursion, as scipy's). */
function basis(t: readonly number[], k: number, l: number, x: number, h: Float64Array, hh: Float64Array): void {
  h.fill(0);
  h[0] = 1;
  for (let j = 1; j <= k; j++) {
    hh.set(h.subarray(0, j));
    h[0] = 0;
    for (let m = 1; m <= j; m++) {
      const xb = numAt(t, l + m);
      const xa = numAt(t, l + m - j);
      if (xb === xa) {
        h[m] = 0;
        continue;
      }
      const w = f64At(hh, m - 1) / (xb - xa);
      h[m - 1] = f64At(h, m - 1) + w * (xb - x);
      h[m] = w * (x - xa);
    }
  }
}

/** Solves A·C = Y in place (A n×n, Y n×d, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, y: Float64Array, n: number, d: number): void {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(f64At(a, r * n + c)) > Math.abs(f64At(a, p * n + c))) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) [a[c * n + j], a[p * n + j]] = [f64At(a, p * n + j), f64At(a, c * n + j)];
      for (let j = 0; j < d; j++) [y[c * d + j], y[p * d + j]] = [f64At(y, p * d + j), f64At(y, c * d + j)];
    }
    for (let r = c + 1; r < n; r++) {
      const f = f64At(a, r * n + c) / f64At(a, c * n + c);
      if (f === 0) continue;
      for (let j = c; j < n; j++) a[r * n + j] = f64At(a, r * n + j) - f * f64At(a, c * n + j);
      for (let j = 0; j < d; j++) y[r * d + j] = f64At(y, r * d + j) - f * f64At(y, c * d + j);
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let j = 0; j < d; j++) {
      let s = f64At(y, c * d + j);
      for (let r = c + 1; r < n; r++) s -= f64At(a, c * n + r) * f64At(y, r * d + j);
      y[c * d + j] = s / f64At(a, c * n + c);
    }
  }
}

/**
 * The interpolating spline of degree k through the points (x[i], y[i]) (x sorted, strictly
 * increasing, at least k+1 of them; y[i] of length d).
 */
export function makeInterpSpline(x: readonly number[], y: readonly Float64Array[], k: 2 | 3): InterpSpline {
  const n = x.length;
  const d = elemAt(y, 0).length;
  const t = knots(x, k);
  const h = new Float64Array(k + 1);
  const hh = new Float64Array(k + 1);
  const a = new Float64Array(n * n);
  const coef = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const l = findInterval(t, k, n, numAt(x, i));
    basis(t, k, l, numAt(x, i), h, hh);
    for (let m = 0; m <= k; m++) a[i * n + l - k + m] = f64At(h, m);
    coef.set(elemAt(y, i), i * d);
  }
  solve(a, coef, n, d);
  return {
    evaluate(x0: number, out: Float64Array): void {
      const l = findInterval(t, k, n, x0);
      basis(t, k, l, x0, h, hh);
      out.fill(0);
      for (let m = 0; m <= k; m++) {
        const w = f64At(h, m);
        const row = (l - k + m) * d;
        for (let j = 0; j < d; j++) out[j] = f64At(out, j) + w * f64At(coef, row + j);
      }
    },
  };
}
