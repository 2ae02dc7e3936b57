import { Uniform } from "../distributions/Uniform.js";
import { f64At } from "../internal/checked.js";
import { stateVar } from "./internal/stateVar.js";
import type { NeuronKind, NeuronStateSpec } from "./NeuronType.js";
import type { RectifiedLinearOptions } from "./RectifiedLinear.js";
import { RectifiedLinear } from "./RectifiedLinear.js";

const SPIKING_RELU_STATE: NeuronStateSpec = Object.freeze({ voltage: new Uniform(0, 1) });

/**
 * Rectified integrate-and-fire neuron (Nengo's `SpikingRectifiedLinear`): per step
 * `voltage += max(J, 0) · dt`, `n = floor(voltage)`, `output = (amplitude / dt) · n`,
 * `voltage -= n` (several spikes in one step when J · dt >= 1). State: `voltage` (default
 * `Uniform(0, 1)`). Rates and gain/bias are RectifiedLinear's.
 * @throws ValidationError when `amplitude <= 0`.
 */
export class SpikingRectifiedLinear extends RectifiedLinear {
  override readonly kind: NeuronKind = "SpikingRectifiedLinear";
  override readonly spiking: boolean = true;

  constructor(options: RectifiedLinearOptions = {}) {
    super(options);
    if (new.target === SpikingRectifiedLinear) this.validate();
  }

  override get stateSpec(): NeuronStateSpec {
    return SPIKING_RELU_STATE;
  }

  override step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    const voltage = stateVar(state, "voltage", this.kind);
    const spike = this.amplitude / dt;
    for (let i = 0; i < j.length; i++) {
      const v = f64At(voltage, i) + Math.max(f64At(j, i), 0) * dt;
      const n = Math.floor(v);
      output[i] = spike * n;
      voltage[i] = v - n;
    }
  }
}
