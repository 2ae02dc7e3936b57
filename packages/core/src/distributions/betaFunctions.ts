// Special functions behind SqrtBeta and the spherical coordinate transform of
// ScatteredHypersphere: log-gamma, the regularised incomplete beta function and its inverse
// (scipy.special's gammaln, betainc and betaincinv), to about 1e-14 relative accuracy.

import { numAt } from "../internal/checked.js";
import * as libm from "../runtime/libm.js";

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7). */
export function gammaln(x: number): number {
  if (x < 0.5) return libm.log(Math.PI / Math.abs(libm.sin(Math.PI * x))) - gammaln(1 - x);
  const z = x - 1;
  let s = numAt(LANCZOS, 0);
  for (let i = 1; i < LANCZOS.length; i++) s += numAt(LANCZOS, i) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * libm.log(2 * Math.PI) + (z + 0.5) * libm.log(t) - t + libm.log(s);
}

/** ln B(a, b). */
export function betaln(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betacf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function betainc(a: number, b: number, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return betaincInside(a, b, x, libm.log(x), libm.log1p(-x), betaln(a, b));
}

/** I_x(a, b) for x strictly inside (0, 1), given ln x, ln(1 - x) and ln B(a, b). */
function betaincInside(a: number, b: number, x: number, lnX: number, ln1mX: number, lbeta: number): number {
  const lnFront = a * lnX + b * ln1mX - lbeta;
  if (x < (a + 1) / (a + b + 2)) return (libm.exp(lnFront) * betacf(a, b, x)) / a;
  return 1 - (libm.exp(lnFront) * betacf(b, a, 1 - x)) / b;
}

/**
 * The inverse of I_x(a, b) in x: the x in [0, 1] with betainc(a, b, x) = y. `lbeta` is
 * `betaln(a, b)`, for a caller that inverts many values with the same a and b.
 */
export function betaincinv(a: number, b: number, y: number, lbeta: number = betaln(a, b)): number {
  if (Number.isNaN(y)) return Number.NaN;
  if (y <= 0) return 0;
  if (y >= 1) return 1;
  // Initial guess (Numerical Recipes, 3rd ed., invbetai).
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = y < 0.5 ? y : 1 - y;
    const t = Math.sqrt(-2 * libm.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (y < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * libm.exp(2 * w));
  } else {
    const lna = libm.log(a / (a + b));
    const lnb = libm.log(b / (a + b));
    const t = libm.exp(a * lna) / a;
    const u = libm.exp(b * lnb) / b;
    const w = t + u;
    x = y < t / w ? libm.pow(a * w * y, 1 / a) : 1 - libm.pow(b * w * (1 - y), 1 / b);
  }
  if (!(x > 0 && x < 1)) x = 0.5;
  // Safeguarded Halley iterations on f(x) = I_x(a, b) - y, bracketing the root.
  // x stays strictly inside (0, 1): betainc's edge cases never apply, and ln x, ln(1 - x) serve both
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 200; it++) {
    const lnX = libm.log(x);
    const ln1mX = libm.log1p(-x);
    const err = betaincInside(a, b, x, lnX, ln1mX, lbeta) - y;
    if (err === 0) return x;
    if (err < 0) lo = x;
    else hi = x;
    const pdf = libm.exp((a - 1) * lnX + (b - 1) * ln1mX - lbeta);
    let next: number;
    if (pdf > 0 && Number.isFinite(pdf)) {
      const u = err / pdf;
      const corr = u * ((a - 1) / x - (b - 1) / (1 - x));
      next = x - u / (1 - 0.5 * Math.min(1, corr));
    } else {
      next = Number.NaN;
    }
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-16 * Math.max(x, 1e-300) || hi - lo <= 2e-16 * Math.max(x, 1e-300)) return next;
    x = next;
  }
  return x;
}
