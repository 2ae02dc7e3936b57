// The natural logarithm by fdlibm's e_log.c algorithm, operation for operation as V8 11
// (Node 20) computes Math.log.
import { highWord, pow2 } from "./words.js";

export const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
export const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
export const TWO54 = 18014398509481984;
const MIN_NORMAL = 2.2250738585072014e-308; // 2^-1022
export const LG1 = 0.6666666666666735;
export const LG2 = 0.3999999999940942;
export const LG3 = 0.2857142874366239;
export const LG4 = 0.22222198432149784;
export const LG5 = 0.1818357216161805;
export const LG6 = 0.15313837699209373;
export const LG7 = 0.14798198605116586;

/**
 * ln(x), bit for bit what Node 20's `Math.log` returns, in plain float64 arithmetic. Cold cases
 * in functions of their own, so that V8 inlines the hot path (see exp).
 */
export function log(x: number): number {
  if (!(x >= MIN_NORMAL && x < Infinity)) return logEdge(x);
  return logScaled(x, highWord(x), 0);
}

/** log for zeros, subnormals, negative numbers, +Infinity and NaN. */
function logEdge(x: number): number {
  if (x === 0) return -Infinity;
  if (!(x > 0)) return NaN;
  if (x === Infinity) return x;
  const y = x * TWO54; // subnormal: scaled up by 2^54
  return logScaled(y, highWord(y), -54);
}

/** log(x) + k ln2 for normal positive x with high word hx. */
function logScaled(x: number, hx: number, k: number): number {
  const e = (hx >> 20) - 1023;
  const h = hx & 0x000fffff;
  const i = (h + 0x95f64) & 0x100000;
  // x or x/2 scaled into [sqrt(2)/2, sqrt(2)): fdlibm writes the exponent bits, the product is
  // the same exact scaling without writing half a float64 (which stalls the CPU when read back)
  const f = x * pow2(-e - (i >> 20)) - 1;
  const kk = k + e + (i >> 20);
  if ((0x000fffff & (2 + h)) < 3) return logNearOne(f, kk); // -2^-20 <= f < 2^-20
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
  if (((h - 0x6147a) | (0x6b851 - h)) > 0) {
    const hfsq = 0.5 * f * f;
    if (kk === 0) return f - (hfsq - s * (hfsq + R));
    return kk * LN2_HI - (hfsq - (s * (hfsq + R) + kk * LN2_LO) - f);
  }
  if (kk === 0) return f - s * (f - R);
  return kk * LN2_HI - (s * (f - R) - kk * LN2_LO - f);
}

/** log(1 + f) + k ln2 for |f| < 2^-20. */
function logNearOne(f: number, k: number): number {
  if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
  const R = f * f * (0.5 - 0.3333333333333333 * f);
  if (k === 0) return f - R;
  return k * LN2_HI - (R - k * LN2_LO - f);
}
