import type { Distribution } from "../distributions/Distribution.js";
import { freezeParameters } from "../FrozenObject.js";
import { optionsObject } from "../internal/optionsObject.js";
import { LinearFilter } from "../synapses/LinearFilter.js";
import { FilteredNoise } from "./FilteredNoise.js";

/** Options of {@link BrownNoise}. */
export interface BrownNoiseOptions {
  /** The distribution of the white noise. Default `Gaussian(0, 1)`. */
  readonly dist?: Distribution;
  readonly seed?: number | undefined;
}

/**
 * Brown noise (Brownian motion, a Wiener process; Nengo's `nengo.processes.BrownNoise`): the
 * integral of scaled white noise, `FilteredNoise` with the integrator
 * `LinearFilter([1], [1, 0], { method: "euler" })`, so each step adds `√dt · noise`.
 */
export class BrownNoise extends FilteredNoise {
  override readonly kind: string = "BrownNoise";

  constructor(options: BrownNoiseOptions = {}) {
    super({ ...optionsObject(options, new.target.name), synapse: new LinearFilter([1], [1, 0], { method: "euler" }) });
    if (new.target === BrownNoise) freezeParameters(this);
  }
}
