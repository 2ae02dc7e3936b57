// Non-negative least squares: the Lawson–Hanson active-set method, step for step as
// scipy.optimize.nnls does it (scipy ≥ 1.16, a C translation of the 1974 Fortran code): Householder
// QR of the passive columns, Givens rotations when a column leaves the passive set, the same
// linear-independence test and the same iteration limit (3n).

import { elemAt, f64At, i32At } from "../checked.js";

/** What `nnls` found. */
export interface NnlsResult {
  /** The solution, x ≥ 0 (length n). */
  readonly x: Float64Array;
  /** ‖Ax − b‖₂. */
  readonly rnorm: number;
  /** False when the iteration limit (3n) was reached (scipy raises in that case). */
  readonly converged: boolean;
}

/**
 * Solves argmin ‖Ax − b‖₂ subject to x ≥ 0 for the m × n row-major matrix A and b (length m).
 * Neither input is modified.
 */
export function nnls(A: Float64Array, m: number, n: number, b: Float64Array): NnlsResult {
  if (n === 0) return { x: new Float64Array(0), rnorm: norm2(b, 0, m), converged: true };
  // Column-major working copy: a[i + j*m] = A[i, j].
  const a = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i + j * m] = f64At(A, i * n + j);
  const bb = Float64Array.from(b.subarray(0, m));
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const zz = new Float64Array(m);
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  const maxiter = 3 * n;

  let indz = 0;
  let iteration = 0;
  let converged = true;
  let jj = 0;
  const limit = Math.min(m, n);

  outer: while (indz < limit) {
    dualVector(a, m, n, bb, indices, indz, w);

    let iz = 0;
    let j = 0;
    let tau = 0;
    let pivot = 0;
    for (;;) {
      const izmax = largestPositiveDual(w, indices, indz, n);
      if (izmax < 0) break outer;
      iz = izmax;
      j = i32At(indices, iz);

      // Householder reflector for column j below row indz; the test below rejects columns that are
      // (numerically) in the span of the passive ones.
      const ref = householder(m - indz, f64At(a, indz + j * m), a, indz + 1 + j * m);
      pivot = ref.beta;
      tau = ref.tau;
      const unorm = indz > 0 ? norm2(a, j * m, indz) : 0;
      const spacing = unorm > 0 ? ulp(unorm) : 0;
      if (Math.abs(pivot) > 100 * spacing) {
        zz.set(bb);
        const pivot2 = f64At(a, indz + j * m);
        a[indz + j * m] = 1;
        applyReflector(a, indz + j * m, m - indz, tau, zz, indz);
        const ztest = f64At(zz, indz) / pivot;
        if (ztest > 0) break;
        a[indz + j * m] = pivot2;
      }
      w[j] = 0;
    }

    // Move j from the active set to the passive set.
    bb.set(zz);
    indices[iz] = i32At(indices, indz);
    indices[indz] = j;
    indz++;
    for (let k = indz; k < n; k++) applyReflector(a, indz - 1 + j * m, m - indz + 1, tau, a, indz - 1 + i32At(indices, k) * m);
    a[indz - 1 + j * m] = pivot;
    for (let i = indz; i < m; i++) a[j * m + i] = 0;
    w[j] = 0;

    jj = solveTriangular(a, m, indices, indz, zz, jj);

    for (;;) {
      iteration++;
      if (iteration >= maxiter) {
        converged = false;
        break outer;
      }
      // Step towards the new passive-set solution zz as far as feasibility allows.
      let alpha = 2;
      for (let ip = 0; ip < indz; ip++) {
        const k = i32At(indices, ip);
        if (f64At(zz, ip) <= 0) {
          const t = -f64At(x, k) / (f64At(zz, ip) - f64At(x, k));
          if (alpha > t) {
            alpha = t;
            jj = ip;
          }
        }
      }
      if (alpha === 2) break;
      for (let ip = 0; ip < indz; ip++) {
        const k = i32At(indices, ip);
        x[k] = f64At(x, k) + alpha * (f64At(zz, ip) - f64At(x, k));
      }

      // Move every passive coefficient that reached zero back to the active set, restoring the
      // triangular form with Givens rotations.
      let i = i32At(indices, jj);
      for (;;) {
        x[i] = 0;
        if (jj !== indz - 1) {
          jj++;
          rotateOut(a, m, n, bb, indices, jj, indz);
        }
        indz--;
        indices[indz] = i;
        let allPositive = false;
        for (jj = 0; jj < indz; jj++) {
          i = i32At(indices, jj);
          if (f64At(x, i) <= 0) break;
          if (jj === indz - 1) allPositive = true;
        }
        if (allPositive) break;
      }

      zz.set(bb);
      jj = solveTriangular(a, m, indices, indz, zz, jj);
    }

    for (let k = 0; k < indz; k++) x[i32At(indices, k)] = f64At(zz, k);
  }

  const rnorm = indz < m ? norm2(bb, indz, m - indz) : 0;
  return { x, rnorm, converged };
}

/** The dual vector w = Aᵀ(b − Ax) on the active set (positions indz… of `indices`), in the rotated coordinates. */
function dualVector(a: Float64Array, m: number, n: number, bb: Float64Array, indices: Int32Array, indz: number, w: Float64Array): void {
  for (let i = indz; i < n; i++) {
    const j = i32At(indices, i);
    let s = 0;
    for (let k = indz; k < m; k++) s += f64At(a, k + j * m) * f64At(bb, k);
    w[j] = s;
  }
}

/** The position (in indz…n of `indices`) of the first largest positive w, or −1 when no w is positive. */
function largestPositiveDual(w: Float64Array, indices: Int32Array, indz: number, n: number): number {
  let wmax = 0;
  let izmax = -1;
  for (let k = indz; k < n; k++) {
    const wk = f64At(w, i32At(indices, k));
    if (wk > wmax) {
      wmax = wk;
      izmax = k;
    }
  }
  return izmax;
}

/**
 * Shifts the passive columns at positions from…indz − 1 of `indices` one place left, restoring the
 * triangular form of a (column-major, m rows) and the right-hand side bb with Givens rotations.
 */
function rotateOut(a: Float64Array, m: number, n: number, bb: Float64Array, indices: Int32Array, from: number, indz: number): void {
  for (let jr = from; jr < indz; jr++) {
    const ii = i32At(indices, jr);
    indices[jr - 1] = ii;
    const g = givens(f64At(a, jr - 1 + ii * m), f64At(a, jr + ii * m));
    a[jr - 1 + ii * m] = g.r;
    a[jr + ii * m] = 0;
    for (let k = 0; k < n; k++) {
      if (k !== ii) {
        const t = f64At(a, jr - 1 + k * m);
        a[jr - 1 + k * m] = g.c * t + g.s * f64At(a, jr + k * m);
        a[jr + k * m] = -g.s * t + g.c * f64At(a, jr + k * m);
      }
    }
    const t = f64At(bb, jr - 1);
    bb[jr - 1] = g.c * t + g.s * f64At(bb, jr);
    bb[jr] = -g.s * t + g.c * f64At(bb, jr);
  }
}

/**
 * Back substitution with the permuted upper-triangular passive block, in place on zz.
 * `jjIn` is carried over exactly as the C code carries its variable; returns its new value.
 */
function solveTriangular(a: Float64Array, m: number, indices: Int32Array, indz: number, zz: Float64Array, jjIn: number): number {
  let jj = jjIn;
  for (let k = 0; k < indz; k++) {
    const ip = indz - 1 - k;
    if (k !== 0) {
      const z = f64At(zz, ip + 1);
      for (let i = 0; i <= ip; i++) zz[i] = f64At(zz, i) - f64At(a, i + jj * m) * z;
    }
    jj = i32At(indices, ip);
    zz[ip] = f64At(zz, ip) / f64At(a, ip + jj * m);
  }
  return jj;
}

const SAFE_MIN = 2.2250738585072014e-308;
const EPS_HALF = Number.EPSILON / 2; // LAPACK's dlamch('E')
const SMALL = SAFE_MIN / EPS_HALF;

/**
 * LAPACK dlarfgp: a reflector H of order len with H·(alpha; x) = (beta; 0), beta ≥ 0. x sits in
 * `v` from `off` (len − 1 entries) and is overwritten with the reflector's vector.
 */
function householder(len: number, alphaIn: number, v: Float64Array, off: number): { beta: number; tau: number } {
  if (len <= 0) return { beta: alphaIn, tau: 0 };
  let alpha = alphaIn;
  let xnorm = norm2(v, off, len - 1);
  if (xnorm === 0) {
    if (alpha >= 0) return { beta: alpha, tau: 0 };
    for (let j = 0; j < len - 1; j++) v[off + j] = 0;
    return { beta: -alpha, tau: 2 };
  }
  let beta = withSign(hypot(alpha, xnorm), alpha);
  let knt = 0;
  if (Math.abs(beta) < SMALL) {
    const big = 1 / SMALL;
    do {
      knt++;
      for (let j = 0; j < len - 1; j++) v[off + j] = f64At(v, off + j) * big;
      beta *= big;
      alpha *= big;
    } while (Math.abs(beta) < SMALL && knt < 20);
    xnorm = norm2(v, off, len - 1);
    beta = withSign(hypot(alpha, xnorm), alpha);
  }
  const saveAlpha = alpha;
  alpha = alpha + beta;
  let tau: number;
  if (beta < 0) {
    beta = -beta;
    tau = -alpha / beta;
  } else {
    alpha = xnorm * (xnorm / alpha);
    tau = alpha / beta;
    alpha = -alpha;
  }
  if (Math.abs(tau) <= SMALL) {
    if (saveAlpha >= 0) {
      tau = 0;
    } else {
      tau = 2;
      for (let j = 0; j < len - 1; j++) v[off + j] = 0;
      beta = -saveAlpha;
    }
  } else {
    const scale = 1 / alpha;
    for (let j = 0; j < len - 1; j++) v[off + j] = f64At(v, off + j) * scale;
  }
  for (let j = 0; j < knt; j++) beta *= SMALL;
  return { beta, tau };
}

/**
 * LAPACK dlarf (side 'L', one column): c ← (I − tau·v·vᵀ)·c, with v at `vOff` and c at `cOff`,
 * both `len` long.
 */
function applyReflector(v: Float64Array, vOff: number, len: number, tau: number, c: Float64Array, cOff: number): void {
  if (tau === 0) return;
  let last = len;
  while (last > 0 && v[vOff + last - 1] === 0) last--;
  if (last === 0) return;
  let w = 0;
  for (let i = 0; i < last; i++) w += f64At(c, cOff + i) * f64At(v, vOff + i);
  const t = -tau * w;
  for (let i = 0; i < last; i++) c[cOff + i] = f64At(c, cOff + i) + f64At(v, vOff + i) * t;
}

/** LAPACK dlartgp: the rotation [c s; −s c]·(f; g) = (r; 0) with r ≥ 0. */
function givens(f: number, g: number): { c: number; s: number; r: number } {
  if (g === 0) return { c: withSign(1, f), s: 0, r: Math.abs(f) };
  if (f === 0) return { c: 0, s: withSign(1, g), r: Math.abs(g) };
  // LAPACK rescales by exact powers of two only near over- or underflow; the quotients are the same.
  let scale = 1;
  const big = Math.max(Math.abs(f), Math.abs(g));
  if (big >= 2 ** 484) scale = 2 ** -484;
  else if (big <= 2 ** -484) scale = 2 ** 484;
  const f1 = f * scale;
  const g1 = g * scale;
  const r = Math.sqrt(f1 * f1 + g1 * g1);
  return { c: f1 / r, s: g1 / r, r: r / scale };
}

/** Euclidean norm of len entries of a from off (BLAS dnrm2), rescaled only if squares overflow. */
function norm2(a: Float64Array, off: number, len: number): number {
  let ssq = 0;
  for (let i = 0; i < len; i++) {
    const x = f64At(a, off + i);
    ssq += x * x;
  }
  if (ssq > 1e-290 && ssq < 1e290) return Math.sqrt(ssq);
  let scale = 0;
  for (let i = 0; i < len; i++) scale = Math.max(scale, Math.abs(f64At(a, off + i)));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  ssq = 0;
  for (let i = 0; i < len; i++) {
    const x = f64At(a, off + i) / scale;
    ssq += x * x;
  }
  return scale * Math.sqrt(ssq);
}

/** LAPACK dlapy2: sqrt(x² + y²) without overflow. */
function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const w = Math.max(ax, ay);
  const z = Math.min(ax, ay);
  if (z === 0 || w > Number.MAX_VALUE) return w;
  return w * Math.sqrt(1 + (z / w) * (z / w));
}

/** Fortran SIGN(mag, s): |mag| with the sign (bit) of s. */
function withSign(mag: number, s: number): number {
  return s < 0 || Object.is(s, -0) ? -Math.abs(mag) : Math.abs(mag);
}

const scratch = new Float64Array(1);
const scratchBits = new BigUint64Array(scratch.buffer);
/** nextafter(x, 2x) − x for finite x > 0: the spacing of doubles at x. */
function ulp(x: number): number {
  scratch[0] = x;
  scratchBits[0] = elemAt(scratchBits, 0) + 1n;
  return f64At(scratch, 0) - x;
}
