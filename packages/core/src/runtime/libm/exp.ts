// e^x by fdlibm's e_exp.c algorithm, operation for operation as V8 11 (Node 20) computes
// Math.exp, including V8's exact e for x = 1.
import { pow2 } from "./words.js";

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

// fdlibm classifies |x| by the high word of x; for non-NaN x the same classes come from comparing
// |x| with the smallest double of each high word (no bit access on the hot path).
const OVER = 709.7822265625; // 0x40862E42 00000000: high word >= 0x40862E42, |x| >= 709.78...
const HALF_LN2 = 0.3465735912322998; // 0x3FD62E43 00000000: high word > 0x3FD62E42, |x| > ln2 / 2
const ONE_HALF_LN2 = 1.0397205352783203; // 0x3FF0A2B2 00000000: high word < 0x3FF0A2B2, |x| < 1.5 ln2
const TINY = 3.725290298461914e-9; // 0x3E300000 00000000: 2^-28

/**
 * e^x, bit for bit what Node 20's `Math.exp` returns, in plain float64 arithmetic (so the same
 * bits in every conforming engine). The cold cases sit in functions of their own so that the hot
 * path stays small enough for V8 to inline into its callers (a call it does not inline boxes the
 * result).
 */
export function exp(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < OVER)) return expLarge(x, ax);
  if (ax < HALF_LN2) {
    if (ax < TINY) return 1 + x;
    const t = x * x;
    const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    return 1 - ((x * c) / (c - 2) - x);
  }
  return expReduced(x, ax);
}

/** exp for |x| >= 709.78... and NaN. */
function expLarge(x: number, ax: number): number {
  if (Number.isNaN(x)) return x + x;
  if (x === -Infinity) return 0;
  if (x === Infinity) return x;
  if (x > O_THRESHOLD) return Infinity;
  if (x < U_THRESHOLD) return 0;
  return expReduced(x, ax);
}

/** exp for |x| > ln2 / 2: x = k ln2 + (hi - lo), e^x = 2^k e^(hi - lo). */
function expReduced(x: number, ax: number): number {
  let hi: number;
  let lo: number;
  let k: number;
  if (ax < ONE_HALF_LN2) {
    if (x === 1) return E;
    if (x < 0) {
      hi = x + LN2_HI;
      lo = -LN2_LO;
      k = -1;
    } else {
      hi = x - LN2_HI;
      lo = LN2_LO;
      k = 1;
    }
  } else {
    k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
    hi = x - k * LN2_HI; // exact
    lo = k * LN2_LO;
  }
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  if (k >= -1021 && k !== 1024) return y * pow2(k);
  return k === 1024 ? y * 2 * TWO_1023 : y * pow2(k + 1000) * TWO_M1000;
}
