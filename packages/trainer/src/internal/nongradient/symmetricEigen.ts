import { f64At } from "@plexus/core/runtime";

/**
 * Eigendecomposition of a symmetric `n × n` matrix (row-major) by cyclic Jacobi rotations:
 * `A = V · diag(values) · Vᵀ`, eigenvectors in the columns of `V`. Accurate to working precision
 * for the small covariance matrices of CMA-ES (n up to a few hundred); O(n³) per sweep.
 * `a` is not modified.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += f64At(m, i * n + i) * f64At(m, i * n + i);
      for (let j = i + 1; j < n; j++) off += f64At(m, i * n + j) * f64At(m, i * n + j);
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = f64At(m, p * n + q);
        if (apq === 0) continue;
        const app = f64At(m, p * n + p);
        const aqq = f64At(m, q * n + q);
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = f64At(m, k * n + p);
          const mkq = f64At(m, k * n + q);
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = f64At(m, p * n + k);
          const mqk = f64At(m, q * n + k);
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = f64At(v, k * n + p);
          const vkq = f64At(v, k * n + q);
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = Float64Array.from({ length: n }, (_, i) => f64At(m, i * n + i));
  return { values, vectors: v };
}
