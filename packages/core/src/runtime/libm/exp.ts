// e^x by fdlibm's e_exp.c algorithm, operation for operation as V8 11 (Node 20) computes
// Math.exp, including V8's exact e for x = 1.
import { fromWords, highWord, lowWord } from "./words.js";

const O_THRESHOLD = 709.782712893384; // 0x40862E42 FEFA39EF
const U_THRESHOLD = -745.1332191019411; // 0xC0874910 D52D3051
const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = Math.LOG2E; // 0x3FF71547 652B82FE
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
const E = Math.E;
const TWO_M1000 = 9.332636185032189e-302; // 2^-1000
const TWO_1023 = 8.98846567431158e307; // 2^1023

/**
 * e^x, bit for bit what Node 20's `Math.exp` returns, in plain float64 arithmetic (so the same
 * bits in every conforming engine).
 */
export function exp(x: number): number {
  const hs = highWord(x);
  const neg = hs < 0;
  const hx = hs & 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return neg ? 0 : x; // exp(+-Infinity) = Infinity, 0
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2 / 2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      if (x === 1) return E;
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
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO_1023;
    return y * fromWords(0x3ff00000 + (k << 20), 0);
  }
  return y * fromWords(0x3ff00000 + ((k + 1000) << 20), 0) * TWO_M1000;
}
