// A complex FFT of any length (iterative radix-2 for powers of two, Bluestein's chirp-z
// algorithm otherwise) and numpy's `irfft` built on it. Twiddles are computed directly from
// cos/sin for accuracy (no recurrences).

import { f64At, numAt } from "../internal/checked.js";
import * as libm from "../runtime/libm.js";

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

// Twiddle and chirp tables by length and sign: the same cos/sin values every call, computed
// once (a WhiteSignal over many dimensions runs one transform of the same length per dimension).
const tableCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();
const TABLE_CACHE_LIMIT = 64;

function cachedTable(key: number, make: () => { cos: Float64Array; sin: Float64Array }): { cos: Float64Array; sin: Float64Array } {
  let table = tableCache.get(key);
  if (table === undefined) {
    if (tableCache.size >= TABLE_CACHE_LIMIT) tableCache.clear();
    table = make();
    tableCache.set(key, table);
  }
  return table;
}

/** cos/sin of sign·2πk/len for k < len/2. */
function twiddles(len: number, sign: 1 | -1): { cos: Float64Array; sin: Float64Array } {
  return cachedTable(sign * (2 * len), () => {
    const half = len >> 1;
    const cos = new Float64Array(half);
    const sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      const angle = (sign * 2 * Math.PI * k) / len;
      cos[k] = libm.cos(angle);
      sin[k] = libm.sin(angle);
    }
    return { cos, sin };
  });
}

/** Bluestein's chirp cos/sin of sign·π(k² mod 2n)/n for k < n. */
function chirp(n: number, sign: 1 | -1): { cos: Float64Array; sin: Float64Array } {
  return cachedTable(sign * (2 * n + 1), () => {
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const angle = (sign * Math.PI * ((k * k) % (2 * n))) / n;
      cos[k] = libm.cos(angle);
      sin[k] = libm.sin(angle);
    }
    return { cos, sin };
  });
}

/** In-place radix-2 FFT; `sign` -1 for the forward transform, +1 for the unnormalised inverse. */
function radix2(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = f64At(re, i);
      re[i] = f64At(re, j);
      re[j] = t;
      t = f64At(im, i);
      im[i] = f64At(im, j);
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const { cos, sin } = twiddles(len, sign);
    for (let start = 0; start < n; start += len) {
      // Hot loop: plain indexing (a < b < n and k < half by construction); the checked
      // accessors are not always inlined here and made a transform ~15 times slower.
      for (let k = 0; k < half; k++) {
        const a = start + k;
        const b = a + half;
        const c = cos[k] as number;
        const sn = sin[k] as number;
        const rb = re[b] as number;
        const ib = im[b] as number;
        const ra = re[a] as number;
        const ia = im[a] as number;
        const tr = rb * c - ib * sn;
        const ti = rb * sn + ib * c;
        re[b] = ra - tr;
        im[b] = ia - ti;
        re[a] = ra + tr;
        im[a] = ia + ti;
      }
    }
  }
}

/**
 * The unnormalised DFT of any length, in place: `X[k] = sum_t x[t] exp(sign · 2πi k t / n)`.
 */
export function fft(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
  const n = re.length;
  if (n <= 1) return;
  if (isPowerOfTwo(n)) {
    radix2(re, im, sign);
    return;
  }
  // Bluestein: k t = (k² + t² - (t - k)²) / 2, so the DFT is a convolution with a chirp.
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const { cos: wr, sin: wi } = chirp(n, sign);
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = f64At(re, k) * f64At(wr, k) - f64At(im, k) * f64At(wi, k);
    ai[k] = f64At(re, k) * f64At(wi, k) + f64At(im, k) * f64At(wr, k);
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = f64At(wr, 0);
  bi[0] = -f64At(wi, 0);
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = f64At(wr, k);
    bi[k] = bi[m - k] = -f64At(wi, k);
  }
  radix2(ar, ai, -1);
  radix2(br, bi, -1);
  for (let k = 0; k < m; k++) {
    const r = f64At(ar, k) * f64At(br, k) - f64At(ai, k) * f64At(bi, k);
    ai[k] = f64At(ar, k) * f64At(bi, k) + f64At(ai, k) * f64At(br, k);
    ar[k] = r;
  }
  radix2(ar, ai, 1);
  for (let t = 0; t < n; t++) {
    const cr = f64At(ar, t) / m;
    const ci = f64At(ai, t) / m;
    re[t] = cr * f64At(wr, t) - ci * f64At(wi, t);
    im[t] = cr * f64At(wi, t) + ci * f64At(wr, t);
  }
}

/**
 * numpy's `irfft(X, n)` for even n: the real signal of length n whose half spectrum
 * (n/2 + 1 coefficients) is X, normalised by 1/n. The imaginary parts of X[0] and X[n/2] are
 * ignored, as numpy does.
 */
export function irfft(xr: ArrayLike<number>, xi: ArrayLike<number>, n: number): Float64Array {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const half = n >> 1;
  re[0] = numAt(xr, 0);
  for (let k = 1; k < half; k++) {
    re[k] = numAt(xr, k);
    im[k] = numAt(xi, k);
    re[n - k] = numAt(xr, k);
    im[n - k] = -numAt(xi, k);
  }
  if (n % 2 === 0) re[half] = numAt(xr, half);
  else if (half >= 1) {
    re[half] = numAt(xr, half);
    im[half] = numAt(xi, half);
    re[n - half] = numAt(xr, half);
    im[n - half] = -numAt(xi, half);
  }
  fft(re, im, 1);
  for (let t = 0; t < n; t++) re[t] = f64At(re, t) / n;
  return re;
}
