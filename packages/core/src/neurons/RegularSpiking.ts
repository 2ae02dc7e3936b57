import { Uniform } from "../distributions/Uniform.js";
import { f64At } from "../internal/checked.js";
import { stateVar } from "./internal/stateVar.js";
import type { NeuronKind, NeuronStateSpec } from "./NeuronType.js";
import { RatesToSpikesNeuronType, type RatesToSpikesOptions } from "./RatesToSpikesNeuronType.js";

/** Options of `RegularSpiking`. */
export type RegularSpikingOptions = RatesToSpikesOptions;

const OWN_STATE: NeuronStateSpec = Object.freeze({ voltage: new Uniform(0, 1), rateOut: 0 });

/**
 * Turns a rate neuron type into a spiking one with regular inter-spike intervals (Nengo's
 * `RegularSpiking(baseType)`). Each step runs `baseType.step` to get the rate r (kept in the state
 * variable `rateOut`, Nengo's `rate_out` signal), then `voltage += dt · r`, `n = floor(voltage)`,
 * `output = (amplitude / dt) · n`, `voltage -= n`.
 *
 * State: the base type's state, then `voltage` (default `Uniform(0, 1)`) and `rateOut`
 * (default 0). Rates and gain/bias are the base type's (without `amplitude`).
 * @throws ValidationError when `amplitude <= 0`, or the base type has a state variable named
 *   `voltage` or `rateOut` (a spiking base such as LIF: use its rate version, e.g. LIFRate).
 */
export class RegularSpiking extends RatesToSpikesNeuronType {
  readonly kind: NeuronKind = "RegularSpiking";

  constructor(baseType: ConstructorParameters<typeof RatesToSpikesNeuronType>[0], options: RegularSpikingOptions = {}) {
    super(baseType, OWN_STATE, options);
    if (new.target === RegularSpiking) this.validate();
  }

  protected spikes(dt: number, r: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    this.spikesFromRates(dt, r, output, stateVar(state, "voltage", this.kind));
  }

  /**
   * The spiking half of `step` alone: turns rates `r` (Hz) into regular spikes, updating
   * `voltage` in place. Allocates nothing.
   */
  spikesFromRates(dt: number, r: Float64Array, output: Float64Array, voltage: Float64Array): void {
    const spike = this.amplitude / dt;
    for (let i = 0; i < r.length; i++) {
      const v = f64At(voltage, i) + dt * f64At(r, i);
      const n = Math.floor(v);
      output[i] = spike * n;
      voltage[i] = v - n;
    }
  }
}
