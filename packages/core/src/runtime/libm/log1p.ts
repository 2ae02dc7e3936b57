// ln(1 + x) by fdlibm's s_log1p.c algorithm, operation for operation as V8 11 (Node 20)
// computes Math.log1p.
import { highWord, pow2 } from "./words.js";

// The constants are log.ts's, repeated: V8 does not fold constants imported from another module.
const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

// fdlibm tests the high word of x; for non-NaN x these comparisons select the same inputs.
const SQRT2_M1 = 0.4142136573791504; // 0x3FDA827A 00000000: high word < 0x3FDA827A
const MINUS_1_SQRT2 = -0.292893648147583; // -(0x3FD2BEC5 00000000): x negative with high word <= 0xBFD2BEC4 as int32
const TWO_M29 = 1.862645149230957e-9; // 0x3E200000 00000000
const TWO_M54 = 5.551115123125783e-17; // 0x3C900000 00000000
const TWO53 = 9007199254740992; // 0x43400000 00000000

/**
 * ln(1 + x), accurate near 0; bit for bit what Node 20's `Math.log1p` returns, in plain float64
 * arithmetic. Cold cases in functions of their own, so that V8 inlines the hot path (see exp).
 */
export function log1p(x: number): number {
  if (x > MINUS_1_SQRT2 && x < SQRT2_M1) {
    // sqrt(2)/2- <= 1 + x < sqrt(2)+, so |x| < 1: f = x exactly. Tested first: LIF's spike
    // times (-0.05 < x < 0) and most other arguments lie here.
    const ax = Math.abs(x);
    if (!(ax < TWO_M29)) return log1pKernel(x, 0, 0);
    return ax < TWO_M54 ? x : x - x * x * 0.5;
  }
  return log1pWide(x);
}

/**
 * log1p for a hot loop whose arguments lie in (sqrt(2)/2 - 1, sqrt(2) - 1), away from 0 (LIF's spike
 * times): the same bits as {@link log1p} for every x. Its own function, for V8: {@link log1p} is also
 * called across the whole range (by builds, solvers, distributions), so its optimized code inlines
 * the cold cases and becomes too large to be inlined into a hot loop in turn, where every call then
 * boxes its argument and result (an allocation each: ~16 KB a step for a 5000-neuron LIF
 * ensemble). This one's feedback sees only the loop's arguments: it inlines the polynomial, and is
 * inlined where it is called; any other argument goes to {@link log1p}.
 */
export function log1pNear0(x: number): number {
  if (x > MINUS_1_SQRT2 && x < SQRT2_M1 && !(Math.abs(x) < TWO_M29)) return log1pKernel(x, 0, 0);
  return log1p(x);
}

/** log1p for x <= sqrt(2)/2 - 1 (x <= -1 included), x >= sqrt(2) - 1, and NaN. */
function log1pWide(x: number): number {
  if (x < SQRT2_M1) {
    // x <= sqrt(2)/2 - 1 < 0 here: fdlibm's |x| >= 1 is x <= -1, and its |x| < 2^-29 cannot hold
    if (x <= -1) return x === -1 ? -Infinity : NaN;
  } else if (!(x < TWO53)) {
    return log1pLarge(x);
  }
  const u = 1 + x;
  const hu = highWord(u);
  const k = (hu >> 20) - 1023;
  const c = (k > 0 ? 1 - (u - x) : x - (u - 1)) / u; // the rounding error of 1 + x, relative
  return log1pScaled(u, hu, k, c);
}

/** log1p for x >= 2^53, +Infinity and NaN: 1 + x is x. */
function log1pLarge(x: number): number {
  if (!(x < Infinity)) return x + x;
  const hx = highWord(x);
  return log1pScaled(x, hx, (hx >> 20) - 1023, 0);
}

/** log(u) + c for u = 2^k (1 + f'), hu its high word: u (or u / 2) scaled into [sqrt(2)/2, sqrt(2)). */
function log1pScaled(u: number, highWordOfU: number, k: number, c: number): number {
  // fdlibm writes the exponent bits of u; the product is the same exact scaling without writing
  // half a float64 (which stalls the CPU when read back whole)
  let hu = highWordOfU & 0x000fffff;
  if (hu < 0x6a09e) return hu === 0 ? log1pNearOne(u * pow2(-k) - 1, k, c) : log1pKernel(u * pow2(-k) - 1, k, c);
  hu = (0x00100000 - hu) >> 2;
  const f = u * pow2(-k - 1) - 1;
  return hu === 0 ? log1pNearOne(f, k + 1, c) : log1pKernel(f, k + 1, c);
}

/** log(1 + f) + k ln2 + c for |f| < 2^-20. */
function log1pNearOne(f: number, k: number, c: number): number {
  if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
  const R = 0.5 * f * f * (1 - 0.6666666666666666 * f);
  if (k === 0) return f - R;
  return k * LN2_HI - (R - (k * LN2_LO + c) - f);
}

/** log(1 + f) + k ln2 + c by fdlibm's polynomial in s = f / (2 + f). */
function log1pKernel(f: number, k: number, c: number): number {
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}
