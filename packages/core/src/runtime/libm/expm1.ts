// e^x - 1 by fdlibm's s_expm1.c algorithm, operation for operation as V8 11 (Node 20) computes
// Math.expm1.
import { fromWords, highWord, lowWord } from "./words.js";

const O_THRESHOLD = 709.782712893384;
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = Math.LOG2E;
// fdlibm's Q1..Q5 scaled by 2^n, for R(2z) with z = x*x/2
const Q1 = -0.03333333333333313;
const Q2 = 0.0015873015872548146;
const Q3 = -0.0000793650757867488;
const Q4 = 0.000004008217827329362;
const Q5 = -2.0109921818362437e-7;
const TWO_1023 = 8.98846567431158e307;

/**
 * e^x - 1, accurate near 0; bit for bit what Node 20's `Math.expm1` returns, in plain float64
 * arithmetic.
 */
export function expm1(x: number): number {
  const hs = highWord(x);
  const neg = hs < 0;
  const hx = hs & 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| >= 56 ln2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
        return neg ? -1 : x;
      }
      if (x > O_THRESHOLD) return Infinity;
    }
    if (neg) return -1;
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2 / 2
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      if (neg) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      k = (INV_LN2 * x + (neg ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^-54
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k <= -2 || k > 56) {
    let y = 1 - (e - x);
    if (k === 1024) y = y * 2 * TWO_1023;
    else y = y * fromWords(0x3ff00000 + (k << 20), 0);
    return y - 1;
  }
  let y: number;
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 - 2^-k
    y = t - (e - x);
  } else {
    t = fromWords((0x3ff - k) << 20, 0); // 2^-k
    y = x - (e + t);
    y += 1;
  }
  return y * fromWords(0x3ff00000 + (k << 20), 0);
}
