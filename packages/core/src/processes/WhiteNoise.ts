import { Distribution } from "../distributions/Distribution.js";
import { Gaussian } from "../distributions/Gaussian.js";
import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import type { Rng } from "../Rng.js";
import { requireSize } from "./checkProcess.js";
import { Process, type ProcessStep } from "./Process.js";

/** Options of {@link WhiteNoise}. */
export interface WhiteNoiseOptions {
  /** The distribution of each sample. Default `Gaussian(0, 1)`. */
  readonly dist?: Distribution;
  /**
   * Divide by √dt, so that integrating the noise (a time constant of dt) gives a magnitude
   * independent of dt (Gillespie 1996). Default true.
   */
  readonly scale?: boolean;
  readonly seed?: number | undefined;
}

/**
 * Full-spectrum white noise (Nengo's `nengo.processes.WhiteNoise`): each step draws one sample
 * of `dist` per dimension, times `1/√dt` when `scale`.
 */
export class WhiteNoise extends Process {
  readonly kind = "WhiteNoise";
  readonly defaultSizeOut = 1;
  readonly dist: Distribution;
  readonly scale: boolean;

  /** @throws ValidationError when `dist` is not a Distribution. */
  constructor(options: WhiteNoiseOptions = {}) {
    super(options);
    this.dist = options.dist ?? new Gaussian(0, 1);
    this.scale = options.scale ?? true;
    if (!(this.dist instanceof Distribution)) {
      throw new ValidationError({ object: "WhiteNoise", attr: "dist", message: "must be a Distribution" });
    }
    if (new.target === WhiteNoise) freezeParameters(this);
  }

  makeStep(sizeIn: number, sizeOut: number, dt: number, rng: Rng): ProcessStep {
    requireSize("WhiteNoise", "sizeIn", sizeIn, 0);
    const { dist, scale } = this;
    const alpha = 1 / Math.sqrt(dt);
    return (_t, _x, out) => {
      if (sizeOut === 0) return;
      dist.sampleInto(out, 1, sizeOut, rng);
      if (scale) for (let j = 0; j < sizeOut; j++) out[j] = alpha * f64At(out, j);
    };
  }
}
