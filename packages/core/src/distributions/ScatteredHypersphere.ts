import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import * as libm from "../runtime/libm.js";
import { betaincinv, betaln } from "./betaFunctions.js";
import { Distribution } from "./Distribution.js";
import { QuasirandomSequence, shuffleRows } from "./QuasirandomSequence.js";
import { randomOrthogonal } from "./randomOrthogonal.js";
import { checkMinMagnitude, checkSurface, sampleShape } from "./sampleShape.js";
import type { HypersphereOptions } from "./UniformHypersphere.js";

/**
 * How {@link ScatteredHypersphere} maps the unit cube onto the sphere:
 * - `sct`: the exact spherical coordinate transform (Fang and Wang 1994, section 1.5.2/1.5.3)
 * - `sct-approx`: Nengo's default; Nengo approximates the inverse beta function of `sct` with a
 *   lookup table. Plexus evaluates it exactly, so this is `sct` (to within the table's error).
 * - `tfww`: the Tashiro-Fang-Wang-Wong transform (section 4.3), faster, as uniform for n ≳ 4000.
 */
export type ScatteredHypersphereMethod = "sct-approx" | "sct" | "tfww";

/** Options of {@link ScatteredHypersphere}. */
export interface ScatteredHypersphereOptions extends HypersphereOptions {
  /** The quasirandom points on the unit cube to map. Default `new QuasirandomSequence()`. */
  readonly base?: Distribution;
  /** The transform to the sphere. Default `"sct-approx"`. */
  readonly method?: ScatteredHypersphereMethod;
}

const METHODS: readonly ScatteredHypersphereMethod[] = ["sct-approx", "sct", "tfww"];

/**
 * Quasirandom points scattered evenly over the surface of the d-dimensional unit sphere or in
 * its ball (Nengo's `nengo.dists.ScatteredHypersphere`, its default for encoders and evaluation
 * points). The `base` sequence (an R_d sequence) is mapped onto the sphere by the spherical
 * coordinate transform through the inverse CDF of each spherical coordinate; for the ball the
 * last cube coordinate sets the radius `r^(1/d)`; a random rotation drawn from the rng then
 * orients the whole set. Its discrepancy falls like ~1/n instead of the 1/√n of
 * {@link UniformHypersphere}.
 */
export class ScatteredHypersphere extends Distribution {
  readonly kind = "ScatteredHypersphere";
  readonly surface: boolean;
  readonly minMagnitude: number;
  readonly base: Distribution;
  readonly method: ScatteredHypersphereMethod;

  /** @throws ValidationError when `surface` is not a boolean, `minMagnitude` is outside [0, 1) or `method` is unknown. */
  constructor(options: ScatteredHypersphereOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.surface = checkSurface("ScatteredHypersphere", opts.surface);
    this.minMagnitude = checkMinMagnitude("ScatteredHypersphere", opts.minMagnitude ?? 0, this.surface);
    this.base = opts.base ?? new QuasirandomSequence();
    this.method = opts.method ?? "sct-approx";
    if (!METHODS.includes(this.method)) {
      throw new ValidationError({
        object: "ScatteredHypersphere",
        attr: "method",
        message: `must be one of ${METHODS.join(", ")} (got ${showValue(this.method)})`,
      });
    }
    if (new.target === ScatteredHypersphere) freezeParameters(this);
  }

  /**
   * The inverse CDF of a spherical coordinate (in units of π) for a sphere with `dims`
   * remaining dimensions: Nengo's `spherical_coords_ppf`. `lbeta` is `betaln(dims / 2, 0.5)`, for a
   * caller that maps many points.
   */
  static sphericalCoordsPpf(dims: number, y: number, lbeta: number = betaln(dims / 2, 0.5)): number {
    const yReflect = y < 0.5 ? y : 1 - y;
    const zSq = betaincinv(dims / 2, 0.5, 2 * yReflect, lbeta);
    const x = libm.asin(Math.sqrt(zSq)) / Math.PI;
    return y < 0.5 ? x : 1 - x;
  }

  /** Maps `n × m` points of the unit cube onto the surface of the sphere in m + 1 dimensions (SCT). */
  static sphericalTransformSct(samples: Float64Array, n: number, m: number): Float64Array {
    const d = m + 1;
    const mapped = new Float64Array(n * d);
    // ln B((m - j)/2, 1/2) of each coordinate, once (not once per point)
    const lbetas = new Float64Array(m);
    for (let j = 0; j < m; j++) lbetas[j] = betaln((m - j) / 2, 0.5);
    for (let i = 0; i < n; i++) {
      let prod = 1;
      for (let j = 0; j < m; j++) {
        const coord = ScatteredHypersphere.sphericalCoordsPpf(m - j, f64At(samples, i * m + j), f64At(lbetas, j));
        const angle = (j === m - 1 ? 2 : 1) * Math.PI * coord;
        mapped[i * d + j] = prod * libm.cos(angle);
        prod *= libm.sin(angle);
      }
      mapped[i * d + m] = prod;
    }
    return mapped;
  }

  /** Maps `n × m` points of the unit cube onto the surface of the sphere in m + 1 dimensions (TFWW). */
  static sphericalTransformTfww(c: Float64Array, n: number, m: number): Float64Array {
    const s = m + 1;
    const x = new Float64Array(n * s);
    if (s === 2) {
      for (let i = 0; i < n; i++) {
        const phi = 2 * Math.PI * f64At(c, i);
        x[i * 2] = libm.cos(phi);
        x[i * 2 + 1] = libm.sin(phi);
      }
      return x;
    }
    const even = s % 2 === 0;
    const half = even ? s / 2 : (s - 1) / 2;
    const g = new Float64Array(half + 1);
    const dd = new Float64Array(half);
    for (let i = 0; i < n; i++) {
      const row = (j: number): number => f64At(c, i * m + j);
      g.fill(0);
      g[half] = 1;
      for (let j = half - 1; j >= 1; j--) g[j] = f64At(g, j + 1) * libm.pow(row(j - 1), even ? 1 / j : 2 / (2 * j + 1));
      for (let k = 0; k < half; k++) dd[k] = Math.sqrt(f64At(g, k + 1) - f64At(g, k));
      // phi = c[:, half-1:]
      const phi = (k: number): number => row(half - 1 + k);
      const out = i * s;
      if (even) {
        for (let k = 0; k < half; k++) {
          const p = 2 * Math.PI * phi(k);
          x[out + 2 * k] = f64At(dd, k) * libm.cos(p);
          x[out + 2 * k + 1] = f64At(dd, k) * libm.sin(p);
        }
      } else {
        const p0 = phi(0);
        const f = 2 * f64At(dd, 0) * Math.sqrt(p0 * (1 - p0));
        x[out] = f64At(dd, 0) * (1 - 2 * p0);
        x[out + 1] = f * libm.cos(2 * Math.PI * phi(1));
        x[out + 2] = f * libm.sin(2 * Math.PI * phi(1));
        for (let k = 1; k < half; k++) {
          const p = 2 * Math.PI * phi(k + 1);
          x[out + 1 + 2 * k] = f64At(dd, k) * libm.cos(p);
          x[out + 2 + 2 * k] = f64At(dd, k) * libm.sin(p);
        }
      }
    }
    return x;
  }

  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape("ScatteredHypersphere", n, d);
    if (dd < 1) {
      throw new ValidationError({ object: "ScatteredHypersphere", attr: "d", message: `must be a positive integer (got ${dd})` });
    }
    if (dd === 1) return this.sample1d(n, rng);

    let samples: Float64Array;
    let radius: Float64Array | null = null;
    if (this.surface) {
      samples = this.base.sample(n, dd - 1, rng);
    } else {
      const cube = this.base.sample(n, dd, rng);
      samples = new Float64Array(n * (dd - 1));
      radius = new Float64Array(n);
      const minD = libm.pow(this.minMagnitude, dd);
      for (let i = 0; i < n; i++) {
        samples.set(cube.subarray(i * dd, i * dd + dd - 1), i * (dd - 1));
        let r = f64At(cube, i * dd + dd - 1);
        if (this.minMagnitude !== 0) r = r * (1 - minD) + minD;
        radius[i] = libm.pow(r, 1 / dd);
      }
    }

    const mapped =
      this.method === "tfww" ? ScatteredHypersphere.sphericalTransformTfww(samples, n, dd - 1) : ScatteredHypersphere.sphericalTransformSct(samples, n, dd - 1);
    if (radius !== null) {
      for (let i = 0; i < n; i++) for (let j = 0; j < dd; j++) mapped[i * dd + j] = f64At(mapped, i * dd + j) * f64At(radius, i);
    }

    const rotation = randomOrthogonal(dd, rng);
    const out = new Float64Array(n * dd);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < dd; k++) {
        const v = f64At(mapped, i * dd + k);
        if (v === 0) continue;
        for (let j = 0; j < dd; j++) out[i * dd + j] = f64At(out, i * dd + j) + v * f64At(rotation, k * dd + j);
      }
    }
    return out;
  }

  private sample1d(n: number, rng: Rng): Float64Array {
    if (this.surface) {
      const x = this.base.sample(n, 1, rng);
      for (let i = 0; i < n; i++) x[i] = Math.sign(f64At(x, i) - 0.5);
      return x;
    }
    const pos = this.base.sample(Math.floor(n / 2), 1, rng);
    const neg = this.base.sample(n - pos.length, 1, rng);
    const mm = this.minMagnitude;
    const all = new Float64Array(n);
    for (let i = 0; i < pos.length; i++) all[i] = mm > 0 ? f64At(pos, i) * (1 - mm) + mm : f64At(pos, i);
    for (let i = 0; i < neg.length; i++) all[pos.length + i] = -1 * (mm > 0 ? f64At(neg, i) * (1 - mm) + mm : f64At(neg, i));
    return shuffleRows(all, n, 1, rng);
  }

  override toString(): string {
    return `ScatteredHypersphere(surface=${this.surface}${this.minMagnitude > 0 ? `, minMagnitude=${this.minMagnitude}` : ""}, method=${this.method})`;
  }
}
