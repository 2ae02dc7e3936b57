// Matrix exponential by Padé approximation with scaling and squaring: the algorithm of Al-Mohy
// and Higham (2009), "A New Scaling and Squaring Algorithm for the Matrix Exponential", in the
// form scipy's `expm` (and Nengo's vendored copy, nengo/_vendor/scipy/sparse/linalg_expm.py) uses
// for small dense matrices: exact one-norms, Padé orders 3/5/7/9/13, the `ell` backward-error
// correction of the scaling, and Code Fragment 2.1 for upper-triangular input. Following the same
// branches keeps the result within a few ulps of scipy's.
//
// Matrices are row-major Float64Arrays.
import * as libm from "../runtime/libm.js";
import { elemAt, f64At } from "./checked.js";

/** C = A B for A (n × k), B (k × m). */
export function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += f64At(a, i * k + p) * f64At(b, p * m + j);
      c[i * m + j] = s;
    }
  }
  return c;
}

/** The induced 1-norm (largest absolute column sum) of an n × n matrix. */
export function onenorm(a: Float64Array, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(f64At(a, i * n + j));
    if (s > best || Number.isNaN(s)) best = s;
  }
  return best;
}

/**
 * Solves A X = B (A n × n, B n × m) by LU decomposition with partial pivoting (as LAPACK's gesv).
 * @throws RangeError when A is exactly singular.
 */
export function solve(a: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const lu = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let p = k;
    let pmax = Math.abs(f64At(lu, k * n + k));
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(f64At(lu, i * n + k));
      if (v > pmax) {
        pmax = v;
        p = i;
      }
    }
    if (pmax === 0) throw new RangeError("solve: the matrix is singular");
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = f64At(lu, k * n + j);
        lu[k * n + j] = f64At(lu, p * n + j);
        lu[p * n + j] = t;
      }
      for (let j = 0; j < m; j++) {
        const t = f64At(x, k * m + j);
        x[k * m + j] = f64At(x, p * m + j);
        x[p * m + j] = t;
      }
    }
    const pivot = f64At(lu, k * n + k);
    for (let i = k + 1; i < n; i++) {
      const f = f64At(lu, i * n + k) / pivot;
      lu[i * n + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j] = f64At(lu, i * n + j) - f * f64At(lu, k * n + j);
      for (let j = 0; j < m; j++) x[i * m + j] = f64At(x, i * m + j) - f * f64At(x, k * m + j);
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const pivot = f64At(lu, k * n + k);
    for (let j = 0; j < m; j++) {
      let s = f64At(x, k * m + j);
      for (let i = k + 1; i < n; i++) s -= f64At(lu, k * n + i) * f64At(x, i * m + j);
      x[k * m + j] = s / pivot;
    }
  }
  return x;
}

function identity(n: number): Float64Array {
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++) e[i * n + i] = 1;
  return e;
}

/** sum_i c_i M_i over matrices of equal size. */
function lincomb(terms: readonly (readonly [number, Float64Array])[]): Float64Array {
  const out = new Float64Array(elemAt(terms, 0)[1].length);
  for (const [c, m] of terms) for (let i = 0; i < out.length; i++) out[i] = f64At(out, i) + c * f64At(m, i);
  return out;
}

function scaled(m: Float64Array, c: number): Float64Array {
  const out = new Float64Array(m.length);
  for (let i = 0; i < m.length; i++) out[i] = c * f64At(m, i);
  return out;
}

/** N choose k as an exact integer (BigInt), as scipy's integer `comb`. */
function comb(nn: number, k: number): bigint {
  let num = 1n;
  let den = 1n;
  const terms = Math.min(k, nn - k);
  for (let j = 1; j <= terms; j++) {
    num *= BigInt(nn + 1 - j);
    den *= BigInt(j);
  }
  return num / den;
}

function factorial(n: number): bigint {
  let f = 1n;
  for (let i = 2; i <= n; i++) f *= BigInt(i);
  return f;
}

/** ||(|A|)^p||_1 for a non-negative integer p, by p products with a vector of ones. */
function onenormPowerOfAbs(a: Float64Array, n: number, p: number): number {
  let v = new Float64Array(n).fill(1);
  for (let it = 0; it < p; it++) {
    const w = new Float64Array(n);
    // w = |A|^T v
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.abs(f64At(a, k * n + i)) * f64At(v, k);
      w[i] = s;
    }
    v = w;
  }
  let best = -Infinity;
  for (const x of v) if (x > best) best = x;
  return best;
}

/** The `ell` correction of Al-Mohy and Higham: extra squarings needed for backward stability. */
function ell(a: Float64Array, n: number, m: number): number {
  const p = 2 * m + 1;
  const absCRecip = Number(comb(2 * p, p) * factorial(2 * p + 1));
  const u = 2 ** -53;
  const normPow = onenormPowerOfAbs(a, n, p);
  if (!normPow) return 0;
  const alpha = normPow / (onenorm(a, n) * absCRecip);
  const value = Math.ceil(libm.log2(alpha / u) / (2 * m));
  return Math.max(value, 0);
}

function isUpperTriangular(a: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (a[i * n + j] !== 0) return false;
  return true;
}

function solvePQ(u: Float64Array, v: Float64Array, n: number): Float64Array {
  const p = new Float64Array(u.length);
  const q = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) {
    p[i] = f64At(u, i) + f64At(v, i);
    q[i] = -f64At(u, i) + f64At(v, i);
  }
  return solve(q, p, n, n);
}

function sinch(x: number): number {
  const x2 = x * x;
  if (Math.abs(x) < 0.0135) return 1 + (x2 / 6) * (1 + (x2 / 20) * (1 + x2 / 42));
  return libm.sinh(x) / x;
}

/** Code Fragment 2.1: squaring with exact diagonal and first superdiagonal for triangular T. */
function fragment21(x0: Float64Array, t: Float64Array, n: number, s: number): Float64Array {
  let x = x0;
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) diag[k] = f64At(t, k * n + k);
  let scale = 2 ** -s;
  for (let k = 0; k < n; k++) x[k * n + k] = libm.exp(scale * f64At(diag, k));
  for (let i = s - 1; i >= 0; i--) {
    x = matmul(x, x, n, n, n);
    scale = 2 ** -i;
    for (let k = 0; k < n; k++) x[k * n + k] = libm.exp(scale * f64At(diag, k));
    for (let k = 0; k < n - 1; k++) {
      const lam1 = scale * f64At(diag, k);
      const lam2 = scale * f64At(diag, k + 1);
      const t12 = scale * f64At(t, k * n + k + 1);
      const a = 0.5 * (lam1 + lam2);
      const b = 0.5 * (lam1 - lam2);
      x[k * n + k + 1] = t12 * libm.exp(a) * sinch(b);
    }
  }
  return x;
}

/**
 * The matrix exponential of the n × n matrix `a` (row-major), as scipy's `expm`.
 * @throws RangeError when `a` does not hold n × n entries.
 */
export function expm(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new RangeError(`expm: expected ${n * n} entries (got ${a.length})`);
  if (n === 0) return new Float64Array(0);
  if (n === 1) return Float64Array.of(libm.exp(f64At(a, 0)));

  const upper = isUpperTriangular(a, n);
  const ident = identity(n);
  const mm = (x: Float64Array, y: Float64Array): Float64Array => matmul(x, y, n, n, n);
  const a2 = mm(a, a);
  const a4 = mm(a2, a2);
  const a6 = mm(a4, a2);
  let a8: Float64Array | undefined;
  let a10: Float64Array | undefined;
  const getA8 = (): Float64Array => (a8 ??= mm(a6, a2));
  const getA10 = (): Float64Array => (a10 ??= mm(a4, a6));
  const d4 = libm.pow(onenorm(a4, n), 1 / 4);
  const d6 = libm.pow(onenorm(a6, n), 1 / 6);

  const eta1 = Math.max(d4, d6);
  if (eta1 < 1.495585217958292e-2 && ell(a, n, 3) === 0) {
    const b = [120, 60, 12, 1] as const;
    const u = mm(
      a,
      lincomb([
        [b[3], a2],
        [b[1], ident],
      ]),
    );
    const v = lincomb([
      [b[2], a2],
      [b[0], ident],
    ]);
    return solvePQ(u, v, n);
  }
  const eta2 = Math.max(d4, d6);
  if (eta2 < 2.53939833006323e-1 && ell(a, n, 5) === 0) {
    const b = [30240, 15120, 3360, 420, 30, 1] as const;
    const u = mm(
      a,
      lincomb([
        [b[5], a4],
        [b[3], a2],
        [b[1], ident],
      ]),
    );
    const v = lincomb([
      [b[4], a4],
      [b[2], a2],
      [b[0], ident],
    ]);
    return solvePQ(u, v, n);
  }
  const d8 = libm.pow(onenorm(getA8(), n), 1 / 8);
  const eta3 = Math.max(d6, d8);
  if (eta3 < 9.504178996162932e-1 && ell(a, n, 7) === 0) {
    const b = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1] as const;
    const u = mm(
      a,
      lincomb([
        [b[7], a6],
        [b[5], a4],
        [b[3], a2],
        [b[1], ident],
      ]),
    );
    const v = lincomb([
      [b[6], a6],
      [b[4], a4],
      [b[2], a2],
      [b[0], ident],
    ]);
    return solvePQ(u, v, n);
  }
  if (eta3 < 2.097847961257068 && ell(a, n, 9) === 0) {
    const b = [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1] as const;
    const u = mm(
      a,
      lincomb([
        [b[9], getA8()],
        [b[7], a6],
        [b[5], a4],
        [b[3], a2],
        [b[1], ident],
      ]),
    );
    const v = lincomb([
      [b[8], getA8()],
      [b[6], a6],
      [b[4], a4],
      [b[2], a2],
      [b[0], ident],
    ]);
    return solvePQ(u, v, n);
  }

  const d10 = libm.pow(onenorm(getA10(), n), 1 / 10);
  const eta4 = Math.max(d8, d10);
  const eta5 = Math.min(eta3, eta4);
  const theta13 = 4.25;
  let s = Math.max(Math.ceil(libm.log2(eta5 / theta13)), 0);
  if (!Number.isFinite(s)) s = 0; // eta5 == 0 (nilpotent A): log2(0) = -inf
  s += ell(scaled(a, 2 ** -s), n, 13);
  let x = pade13(a, a2, a4, a6, ident, s, n);
  if (upper) x = fragment21(x, a, n, s);
  else for (let i = 0; i < s; i++) x = mm(x, x);
  return x;
}

/** The degree-13 Padé approximant of exp(a / 2^s) (Al-Mohy and Higham's algorithm, step 4), given a², a⁴, a⁶. */
function pade13(a: Float64Array, a2: Float64Array, a4: Float64Array, a6: Float64Array, ident: Float64Array, s: number, n: number): Float64Array {
  const mm = (x: Float64Array, y: Float64Array): Float64Array => matmul(x, y, n, n, n);
  const b = [
    64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600, 670442572800, 33522128640, 1323241920, 40840800,
    960960, 16380, 182, 1,
  ] as const;
  const bb = scaled(a, 2 ** -s);
  const b2 = scaled(a2, 2 ** (-2 * s));
  const b4 = scaled(a4, 2 ** (-4 * s));
  const b6 = scaled(a6, 2 ** (-6 * s));
  const u2 = mm(
    b6,
    lincomb([
      [b[13], b6],
      [b[11], b4],
      [b[9], b2],
    ]),
  );
  const u = mm(
    bb,
    lincomb([
      [1, u2],
      [b[7], b6],
      [b[5], b4],
      [b[3], b2],
      [b[1], ident],
    ]),
  );
  const v2 = mm(
    b6,
    lincomb([
      [b[12], b6],
      [b[10], b4],
      [b[8], b2],
    ]),
  );
  const v = lincomb([
    [1, v2],
    [b[6], b6],
    [b[4], b4],
    [b[2], b2],
    [b[0], ident],
  ]);
  return solvePQ(u, v, n);
}
