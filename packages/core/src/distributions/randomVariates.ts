// Non-uniform draws that the Rng does not provide directly, each from the Rng passed in.
import type { Rng } from "../Rng.js";
import * as libm from "../runtime/libm.js";

/** A Gamma(shape, 1) draw (Marsaglia and Tsang's method; shape < 1 by boosting). */
export function gammaVariate(shape: number, rng: Rng): number {
  if (shape <= 0) return 0;
  if (shape < 1) {
    const u = rng.random();
    return gammaVariate(shape + 1, rng) * (u > 0 ? libm.pow(u, 1 / shape) : 0);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && libm.log(u) < 0.5 * x * x + d * (1 - v + libm.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw (as the ratio of Gamma draws). a = 0 gives 0 and b = 0 gives 1. */
export function betaVariate(a: number, b: number, rng: Rng): number {
  if (a <= 0) return 0;
  if (b <= 0) return 1;
  const x = gammaVariate(a, rng);
  const y = gammaVariate(b, rng);
  return x + y > 0 ? x / (x + y) : rng.random() < a / (a + b) ? 1 : 0;
}

/** An Exponential draw with the given scale (mean), -scale·ln(1 - U). */
export function exponentialVariate(scale: number, rng: Rng): number {
  return -scale * libm.log1p(-rng.random());
}
