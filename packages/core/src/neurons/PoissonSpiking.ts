import { f64At } from "../internal/checked.js";
import type { Rng } from "../Rng.js";
import { poisson } from "./internal/poisson.js";
import { requireRng } from "./internal/requireRng.js";
import type { NeuronKind, NeuronStateSpec } from "./NeuronType.js";
import { RatesToSpikesNeuronType, type RatesToSpikesOptions } from "./RatesToSpikesNeuronType.js";

/** Options of `PoissonSpiking`. */
export type PoissonSpikingOptions = RatesToSpikesOptions;

const OWN_STATE: NeuronStateSpec = Object.freeze({ rateOut: 0 });

/**
 * Turns a rate neuron type into a spiking one with Poisson statistics (Nengo's
 * `PoissonSpiking(baseType)`): each step the base type's rate r (state `rateOut`) gives
 * `n ~ Poisson(|r| · dt)` spikes, `output = (amplitude / dt) · n` (times sign(r) for a base type
 * with negative rates), drawn from the generator the simulator passes (seeded from the
 * ensemble's seed). Rates and gain/bias are the base type's.
 * @throws ValidationError when `amplitude <= 0` or the base type has a state variable `rateOut`.
 */
export class PoissonSpiking extends RatesToSpikesNeuronType {
  readonly kind: NeuronKind = "PoissonSpiking";
  override get stochastic(): boolean {
    return true;
  }

  constructor(baseType: ConstructorParameters<typeof RatesToSpikesNeuronType>[0], options: PoissonSpikingOptions = {}) {
    super(baseType, OWN_STATE, options);
    if (new.target === PoissonSpiking) this.validate();
  }

  protected spikes(dt: number, r: Float64Array, output: Float64Array, _state: Readonly<Record<string, Float64Array>>, rng: Rng | undefined): void {
    const g = requireRng(this.kind, rng);
    const spike = this.amplitude / dt;
    for (let i = 0; i < r.length; i++) {
      const ri = f64At(r, i);
      const n = poisson(g, (this.negative ? Math.abs(ri) : ri) * dt);
      output[i] = this.negative ? spike * n * Math.sign(ri) : spike * n;
    }
  }
}
