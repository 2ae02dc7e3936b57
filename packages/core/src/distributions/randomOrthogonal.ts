import { f64At } from "../internal/checked.js";
import { solve } from "../internal/expm.js";
import type { Rng } from "../Rng.js";

/**
 * A random d × d orthogonal matrix (row-major), as Nengo's `ScatteredHypersphere.random_orthogonal`:
 * the orthogonal polar factor U Vᵀ of a standard normal matrix M = U S Vᵀ (Haar distributed).
 * The polar factor is computed by the scaled Newton iteration X ← (γ X + X⁻ᵀ / γ) / 2, which
 * converges to the same U Vᵀ that Nengo takes from the SVD.
 */
export function randomOrthogonal(d: number, rng: Rng): Float64Array {
  const m = new Float64Array(d * d);
  for (let i = 0; i < m.length; i++) m[i] = rng.normal();
  return polarFactor(m, d);
}

function frobenius(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s);
}

/** The orthogonal factor of the polar decomposition of a nonsingular d × d matrix. */
export function polarFactor(m: Float64Array, d: number): Float64Array {
  const eye = new Float64Array(d * d);
  for (let i = 0; i < d; i++) eye[i * d + i] = 1;
  let x = Float64Array.from(m);
  let scaling = true;
  let finishing = false;
  for (let it = 0; it < 100; it++) {
    const inv = solve(x, eye, d, d);
    const gamma = scaling ? Math.sqrt(frobenius(inv) / frobenius(x)) : 1;
    const next = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) next[i * d + j] = 0.5 * (gamma * f64At(x, i * d + j) + f64At(inv, j * d + i) / gamma);
    }
    let diff = 0;
    for (let i = 0; i < next.length; i++) diff = Math.max(diff, Math.abs(f64At(next, i) - f64At(x, i)));
    x = next;
    if (finishing) break;
    if (diff < 1e-2) scaling = false; // near convergence: plain Newton converges quadratically
    // Quadratic convergence: once a step moves entries (of size <= 1) by < 1e-9, one more
    // step reaches rounding level.
    if (diff < 1e-9) finishing = true;
  }
  return x;
}
