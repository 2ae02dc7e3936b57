// sinh, cosh and tanh by fdlibm's algorithms (e_sinh.c, e_cosh.c, s_tanh.c) as V8 11 (Node 20)
// writes them for Math.sinh, Math.cosh and Math.tanh.
import { exp } from "./exp.js";
import { expm1 } from "./expm1.js";
import { highWord } from "./words.js";

const OVERFLOW = 710.4758600739439; // sinh and cosh overflow beyond this
const LOG_MAXD = 709.7822265625; // 0x40862E42 00000000
const TWO_M28 = 3.725290298461914e-9;

/** sinh(x), bit for bit what Node 20's `Math.sinh` returns, in plain float64 arithmetic. */
export function sinh(x: number): number {
  const h = x < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ax < 22) {
    if (ax < TWO_M28) return x;
    const t = expm1(ax);
    if (ax < 1) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < LOG_MAXD) return h * exp(ax);
  if (ax <= OVERFLOW) {
    const w = exp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * 1e307; // +-Infinity, or NaN
}

/** cosh(x), bit for bit what Node 20's `Math.cosh` returns, in plain float64 arithmetic. */
export function cosh(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  const ax = Math.abs(x);
  if (ix < 0x3fd62e43) {
    // |x| < ln2 / 2: 1 + expm1(|x|)^2 / (2 exp(|x|))
    const t = expm1(ax);
    const w = 1 + t;
    if (ix < 0x3c800000) return w;
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    // |x| < 22
    const t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(ax);
  if (ax <= OVERFLOW) {
    const w = exp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x;
  return Infinity;
}

/** tanh(x), bit for bit what Node 20's `Math.tanh` returns, in plain float64 arithmetic. */
export function tanh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1; // +-1, or NaN
  let z: number;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^-28
    if (ix >= 0x3ff00000) {
      const t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1; // 1 - tiny
  }
  return jx >= 0 ? z : -z;
}
