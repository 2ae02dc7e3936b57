import { Distribution } from "../distributions/Distribution.js";
import { Gaussian } from "../distributions/Gaussian.js";
import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import type { Rng } from "../Rng.js";
import { Lowpass } from "../synapses/Lowpass.js";
import { Synapse } from "../synapses/Synapse.js";
import { requireSize } from "./checkProcess.js";
import { Process, type ProcessStep } from "./Process.js";

/** Options of {@link FilteredNoise}. */
export interface FilteredNoiseOptions {
  /** The filter applied to the noise. Default `Lowpass(0.005)`. */
  readonly synapse?: Synapse;
  /** The distribution of the white noise. Default `Gaussian(0, 1)`. */
  readonly dist?: Distribution;
  /** Scale the white noise by 1/√dt, making the output independent of dt. Default true. */
  readonly scale?: boolean;
  readonly seed?: number | undefined;
}

/**
 * White noise passed through a synapse (Nengo's `nengo.processes.FilteredNoise`): each step
 * draws a sample of `dist` per dimension (times 1/√dt when `scale`) and steps the filter on it.
 * The filter starts at rest (output 0).
 */
export class FilteredNoise extends Process {
  readonly kind: string = "FilteredNoise";
  readonly defaultSizeOut = 1;
  readonly synapse: Synapse;
  readonly dist: Distribution;
  readonly scale: boolean;

  /** @throws ValidationError when `synapse` or `dist` has the wrong type. */
  constructor(options: FilteredNoiseOptions = {}) {
    super(options);
    this.synapse = options.synapse ?? new Lowpass(0.005);
    this.dist = options.dist ?? new Gaussian(0, 1);
    this.scale = options.scale ?? true;
    if (!(this.synapse instanceof Synapse)) {
      throw new ValidationError({ object: this.kind, attr: "synapse", message: "must be a Synapse" });
    }
    if (!(this.dist instanceof Distribution)) {
      throw new ValidationError({ object: this.kind, attr: "dist", message: "must be a Distribution" });
    }
    if (new.target === FilteredNoise) freezeParameters(this);
  }

  makeStep(sizeIn: number, sizeOut: number, dt: number, rng: Rng): ProcessStep {
    requireSize(this.kind, "sizeIn", sizeIn, 0);
    if (sizeOut === 0) return () => {};
    const { dist, scale } = this;
    const alpha = 1 / Math.sqrt(dt);
    const stepper = this.synapse.makeStepper(dt, sizeOut);
    stepper.reset();
    const noise = new Float64Array(sizeOut);
    const step = (_t: number, _x: Float64Array, out: Float64Array): void => {
      dist.sampleInto(noise, 1, sizeOut, rng);
      if (scale) for (let j = 0; j < sizeOut; j++) noise[j] = f64At(noise, j) * alpha;
      stepper.step(noise, out);
    };
    // the filter's state (snapshots save it beside the generator's)
    return Object.assign(step, { state: stepper.state });
  }
}
