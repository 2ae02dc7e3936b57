import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import * as libm from "../runtime/libm.js";
import { Distribution } from "./Distribution.js";
import { checkMinMagnitude, checkSurface, sampleShape } from "./sampleShape.js";

/** Options of {@link UniformHypersphere} and {@link ScatteredHypersphere}. */
export interface HypersphereOptions {
  /** Sample the surface of the unit sphere (true) or the unit ball (false). Default false. */
  readonly surface?: boolean;
  /** Smallest vector norm in the ball, in [0, 1). Ignored on the surface. Default 0. */
  readonly minMagnitude?: number;
}

/**
 * Points distributed uniformly (pseudo-randomly) on the surface of the d-dimensional unit
 * sphere or in its ball (Nengo's `nengo.dists.UniformHypersphere`): normalised standard normal
 * vectors, scaled in the ball by `U^(1/d)` with U uniform in [minMagnitude^d, 1).
 */
export class UniformHypersphere extends Distribution {
  readonly kind = "UniformHypersphere";
  readonly surface: boolean;
  readonly minMagnitude: number;

  /** @throws ValidationError when `surface` is not a boolean, `minMagnitude` is outside [0, 1). */
  constructor(options: HypersphereOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.surface = checkSurface("UniformHypersphere", opts.surface);
    this.minMagnitude = checkMinMagnitude("UniformHypersphere", opts.minMagnitude ?? 0, this.surface);
    if (new.target === UniformHypersphere) freezeParameters(this);
  }

  /** @throws ValidationError when `d < 1`. */
  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape("UniformHypersphere", n, d);
    if (dd < 1) throw new ValidationError({ object: "UniformHypersphere", attr: "d", message: `must be a positive integer (got ${dd})` });
    const x = new Float64Array(n * dd);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < dd; j++) s += f64At(x, i * dd + j) ** 2;
      const norm = Math.sqrt(s);
      for (let j = 0; j < dd; j++) x[i * dd + j] = f64At(x, i * dd + j) / norm;
    }
    if (this.surface) return x;
    const low = libm.pow(this.minMagnitude, dd);
    for (let i = 0; i < n; i++) {
      const r = libm.pow(rng.uniform(low, 1), 1 / dd);
      for (let j = 0; j < dd; j++) x[i * dd + j] = f64At(x, i * dd + j) * r;
    }
    return x;
  }

  override toString(): string {
    return `UniformHypersphere(surface=${this.surface}${this.minMagnitude > 0 ? `, minMagnitude=${this.minMagnitude}` : ""})`;
  }
}
