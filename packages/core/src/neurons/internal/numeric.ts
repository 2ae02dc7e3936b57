// numpy's linspace and interp, with numpy's exact arithmetic, for the generic numerical
// gain/bias of NeuronType (used by types without an analytic curve, e.g. Izhikevich).

import { numAt } from "../../internal/checked.js";

/** `numpy.linspace(start, stop, num)`: `i * step + start`, and exactly `stop` last. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * `numpy.interp(x, xp, fp)` for non-decreasing `xp`: `fp[0]` left of `xp[0]`, `fp[-1]` right of
 * `xp[-1]`, else the line through the bracketing points (`j` with `xp[j] <= x < xp[j + 1]`).
 */
export function interp(x: ArrayLike<number>, xp: ArrayLike<number>, fp: ArrayLike<number>): Float64Array {
  const n = xp.length;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = numAt(x, i);
    if (Number.isNaN(v)) {
      out[i] = v;
      continue;
    }
    // j = (first index with xp[j] > v) - 1
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (numAt(xp, mid) > v) hi = mid;
      else lo = mid + 1;
    }
    const j = lo - 1;
    if (j < 0) out[i] = numAt(fp, 0);
    else if (j >= n - 1) out[i] = numAt(fp, n - 1);
    else if (xp[j] === v) out[i] = numAt(fp, j);
    else {
      const slope = (numAt(fp, j + 1) - numAt(fp, j)) / (numAt(xp, j + 1) - numAt(xp, j));
      let r = slope * (v - numAt(xp, j)) + numAt(fp, j);
      if (Number.isNaN(r)) {
        r = slope * (v - numAt(xp, j + 1)) + numAt(fp, j + 1);
        if (Number.isNaN(r) && fp[j] === fp[j + 1]) r = numAt(fp, j);
      }
      out[i] = r;
    }
  }
  return out;
}
