// asin and atanh by fdlibm's algorithms (e_asin.c, e_atanh.c) as V8 11 (Node 20) writes them for
// Math.asin and Math.atanh.
import { log1p } from "./log1p.js";
import { clearLow, highWord, lowWord, withHigh } from "./words.js";

const PIO2_HI = 1.5707963267948966;
const PIO2_LO = 6.123233995736766e-17;
const PIO4_HI = 0.7853981633974483;
const PS0 = 0.16666666666666666;
const PS1 = -0.3255658186224009;
const PS2 = 0.20121253213486293;
const PS3 = -0.04005553450067941;
const PS4 = 0.0007915349942898145;
const PS5 = 0.00003479331075960212;
const QS1 = -2.403394911734414;
const QS2 = 2.0209457602335057;
const QS3 = -0.6882839716054533;
const QS4 = 0.07703815055590194;

/** asin(x), bit for bit what Node 20's `Math.asin` returns, in plain float64 arithmetic. */
export function asin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| >= 1
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return x * PIO2_HI + x * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix < 0x3e400000) return x; // |x| < 2^-27
    const t = x * x;
    const p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
    const q = 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
    return x + x * (p / q);
  }
  const w = 1 - Math.abs(x);
  let t = w * 0.5;
  const p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
  const q = 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
  const s = Math.sqrt(t);
  if (ix >= 0x3fef3333) {
    // |x| > 0.975
    t = PIO2_HI - (2 * (s + s * (p / q)) - PIO2_LO);
  } else {
    const f = clearLow(s);
    const c = (t - f * f) / (s + f);
    const r = p / q;
    const pp = 2 * s * r - (PIO2_LO - 2 * c);
    const qq = PIO4_HI - 2 * f;
    t = PIO4_HI - (pp - qq);
  }
  return hx > 0 ? t : -t;
}

/** atanh(x), bit for bit what Node 20's `Math.atanh` returns, in plain float64 arithmetic. */
export function atanh(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const lx = lowWord(x);
  if ((ix | ((lx | -lx) >>> 31)) > 0x3ff00000) return NaN; // |x| > 1, or NaN
  if (ix === 0x3ff00000) return x > 0 ? Infinity : -Infinity;
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  const ax = withHigh(x, ix);
  let t: number;
  if (ix < 0x3fe00000) {
    t = ax + ax;
    t = 0.5 * log1p(t + (t * ax) / (1 - ax));
  } else {
    t = 0.5 * log1p((ax + ax) / (1 - ax));
  }
  return hx >= 0 ? t : -t;
}
