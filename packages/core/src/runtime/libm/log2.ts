// log2 by FreeBSD's e_log2.c algorithm (fdlibm's family), operation for operation as V8 11
// (Node 20) computes Math.log2.
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, TWO54 } from "./log.js";
import { clearLow, highWord, lowWord, withHigh } from "./words.js";

const IVLN2_HI = 1.4426950407214463; // 0x3FF71547 65200000
const IVLN2_LO = 1.6751713164886512e-10; // 0x3DE705FC 2EEFA200

/** log(1 + f) - f for 1 + f in ~[sqrt(2)/2, sqrt(2)], less the -f*f/2 term (FreeBSD's k_log1p). */
function kLog1p(f: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + R);
}

/** log2(x), bit for bit what Node 20's `Math.log2` returns, in plain float64 arithmetic. */
export function log2(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lx === 0) return 0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const y = k;
  const f = x - 1;
  const hfsq = 0.5 * f * f;
  const r = kLog1p(f);
  const hi = clearLow(f - hfsq);
  const lo = f - hi - hfsq + r;
  let valHi = hi * IVLN2_HI;
  let valLo = (lo + hi) * IVLN2_LO + lo * IVLN2_HI;
  const w = y + valHi;
  valLo += y - w + valHi;
  valHi = w;
  return valLo + valHi;
}
