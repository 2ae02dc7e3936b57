// e^x - 1 by fdlibm's s_expm1.c algorithm, operation for operation as V8 11 (Node 20) computes
// Math.expm1.
import { pow2 } from "./words.js";

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

// The high-word classes of fdlibm as comparisons of |x| (see exp.ts).
const BIG = 38.81622314453125; // 0x4043687A 00000000: |x| >= 56 ln2
const OVER = 709.7822265625; // 0x40862E42 00000000: |x| >= 709.78...
const HALF_LN2 = 0.3465735912322998; // 0x3FD62E43 00000000: |x| > ln2 / 2
const ONE_HALF_LN2 = 1.0397205352783203; // 0x3FF0A2B2 00000000: |x| < 1.5 ln2
const TINY = 5.551115123125783e-17; // 0x3C900000 00000000: 2^-54

/**
 * e^x - 1, accurate near 0; bit for bit what Node 20's `Math.expm1` returns, in plain float64
 * arithmetic. Cold cases in functions of their own, so that V8 inlines the hot path (see exp).
 */
export function expm1(x: number): number {
  const ax = Math.abs(x);
  // |x| <= ln2 / 2 first (LIF's expm1(-dtEff / tauRc) lies here): fdlibm tests the large
  // classes first, but none of them holds for these x
  if (ax < HALF_LN2) return ax < TINY ? x : expm1Small(x);
  if (!(ax < BIG) && (x < 0 || !(ax < OVER))) return expm1Large(x, ax);
  return expm1Reduced(x, ax);
}

/**
 * expm1 for a hot loop whose arguments lie in 2^-54 <= |x| < ln2 / 2 (LIF's partial steps): the
 * same bits as {@link expm1} for every x; its own function for V8, as `log1pNear0` is for log1p
 * (only the polynomial inlined, and itself inlined where it is called); any other argument goes to
 * {@link expm1}.
 */
export function expm1Near0(x: number): number {
  const ax = Math.abs(x);
  if (ax < HALF_LN2 && !(ax < TINY)) return expm1Small(x);
  return expm1(x);
}

/** expm1 for 2^-54 <= |x| < ln2 / 2: fdlibm's polynomial, no reduction. */
function expm1Small(x: number): number {
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  const e = hxs * ((r1 - t) / (6 - x * t));
  return x - (x * e - hxs);
}

/** expm1 for NaN, +-Infinity, x <= -56 ln2 and x >= 709.78... */
function expm1Large(x: number, ax: number): number {
  if (Number.isNaN(x)) return x + x;
  if (ax === Infinity) return x < 0 ? -1 : x;
  if (x > O_THRESHOLD) return Infinity;
  if (x < 0) return -1;
  return expm1Reduced(x, ax);
}

/** expm1 for |x| > ln2 / 2: x = k ln2 + r (+ c, the rounding error of r), then 2^k (expm1(r) + 1) - 1. */
function expm1Reduced(x: number, ax: number): number {
  let hi: number;
  let lo: number;
  let k: number;
  if (ax < ONE_HALF_LN2) {
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
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
  }
  const r = hi - lo;
  const c = hi - r - lo;
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - r * t));
  e = r * (e - c) - c;
  e -= hxs;
  return expm1Scale(r, e, k);
}

/** 2^k (1 + expm1(r)) - 1 from r and its error term e, in fdlibm's order for each k. */
function expm1Scale(r: number, e: number, k: number): number {
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) return r < -0.25 ? -2 * (e - (r + 0.5)) : 1 + 2 * (r - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - r);
    return (k === 1024 ? y * 2 * TWO_1023 : y * pow2(k)) - 1;
  }
  if (k < 20) return (1 - pow2(-k) - (e - r)) * pow2(k); // 1 - 2^-k is exact
  return (r - (e + pow2(-k)) + 1) * pow2(k);
}
