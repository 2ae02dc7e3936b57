import { f64At } from "../internal/checked.js";
import type { Rng } from "../Rng.js";
import { requireRng } from "./internal/requireRng.js";
import type { NeuronKind, NeuronStateSpec } from "./NeuronType.js";
import { RatesToSpikesNeuronType, type RatesToSpikesOptions } from "./RatesToSpikesNeuronType.js";

/** Options of `StochasticSpiking`. */
export type StochasticSpikingOptions = RatesToSpikesOptions;

const OWN_STATE: NeuronStateSpec = Object.freeze({ rateOut: 0 });

/**
 * Turns a rate neuron type into a spiking one by stochastic rounding (Nengo's
 * `StochasticSpiking(baseType)`): the expected spikes per step `e = |r| · dt` (r the base type's
 * rate, state `rateOut`) with integer part q and fraction f give q spikes with probability 1 - f
 * and q + 1 with probability f, `output = (amplitude / dt) · n` (times sign(r) for a base type
 * with negative rates), drawn from the generator the simulator passes (seeded from the
 * ensemble's seed). Rates and gain/bias are the base type's.
 * @throws ValidationError when `amplitude <= 0` or the base type has a state variable `rateOut`.
 */
export class StochasticSpiking extends RatesToSpikesNeuronType {
  readonly kind: NeuronKind = "StochasticSpiking";
  override get stochastic(): boolean {
    return true;
  }

  constructor(baseType: ConstructorParameters<typeof RatesToSpikesNeuronType>[0], options: StochasticSpikingOptions = {}) {
    super(baseType, OWN_STATE, options);
    if (new.target === StochasticSpiking) this.validate();
  }

  protected spikes(dt: number, r: Float64Array, output: Float64Array, _state: Readonly<Record<string, Float64Array>>, rng: Rng | undefined): void {
    const g = requireRng(this.kind, rng);
    const spike = this.amplitude / dt;
    for (let i = 0; i < r.length; i++) {
      const ri = f64At(r, i);
      const e = (this.negative ? Math.abs(ri) : ri) * dt;
      const q = Math.trunc(e); // numpy's modf: the integer part toward zero, the fraction with e's sign
      const n = q + (g.random() < e - q ? 1 : 0);
      output[i] = this.negative ? spike * n * Math.sign(ri) : spike * n;
    }
  }
}
