import { numAt } from "../../internal/checked.js";
import type { Rng } from "../../Rng.js";
import * as libm from "../../runtime/libm.js";

/**
 * A Poisson-distributed count with mean `lam` >= 0, as numpy's legacy `RandomState.poisson`
 * draws it (other bits: Plexus's generator is not numpy's): by multiplying uniforms below a mean
 * of 10, by Hörmann's transformed rejection (PTRS) from 10 on.
 */
export function poisson(rng: Rng, lam: number): number {
  if (lam === 0) return 0;
  if (lam < 10) {
    const limit = libm.exp(-lam);
    let prod = 1;
    let k = 0;
    for (;;) {
      prod *= rng.random();
      if (prod <= limit) return k;
      k++;
    }
  }
  const slam = Math.sqrt(lam);
  const loglam = libm.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.random() - 0.5;
    const V = rng.random();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lam + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (libm.log(V) + libm.log(invalpha) - libm.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) return k;
  }
}

/** log Γ(x) for x >= 1 (Stirling's series with numpy's coefficients, after shifting x up to 7). */
function logGamma(x: number): number {
  const a = [
    8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4, -1.917526917526918e-3, 6.41025641025641e-3,
    -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
  ];
  if (x === 1 || x === 2) return 0;
  let n = 0;
  if (x < 7) n = Math.floor(7 - x);
  const x0 = x + n;
  const x2 = 1 / (x0 * x0);
  let gl0 = numAt(a, 9);
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + numAt(a, k);
  let gl = gl0 / x0 + 0.5 * libm.log(2 * Math.PI) + (x0 - 0.5) * libm.log(x0) - x0;
  if (x < 7) {
    let x1 = x0;
    for (let k = 1; k <= n; k++) {
      x1 -= 1;
      gl -= libm.log(x1);
    }
  }
  return gl;
}
