import { Uniform } from "../distributions/Uniform.js";
import type { Issue } from "../errors.js";
import { f64At } from "../internal/checked.js";
import { lifNeuronStep } from "./internal/lifMath.js";
import { checkParam } from "./internal/params.js";
import { stateVar } from "./internal/stateVar.js";
import type { LIFRateOptions } from "./LIFRate.js";
import { LIFRate } from "./LIFRate.js";
import type { NeuronKind, NeuronStateSpec } from "./NeuronType.js";

/** Options of `LIF`. */
export interface LIFOptions extends LIFRateOptions {
  /** Floor of the membrane voltage, <= 0; `-Infinity` never clips. Default 0. */
  readonly minVoltage?: number;
}

const LIF_STATE: NeuronStateSpec = Object.freeze({ voltage: new Uniform(0, 1), refractoryTime: 0 });

/**
 * Spiking leaky integrate-and-fire neuron (Nengo's `LIF`). State: `voltage` (default
 * `Uniform(0, 1)`) and `refractoryTime` (default 0). A spike is an output of `amplitude / dt`
 * for one step. Rates and gain/bias are those of `LIFRate`.
 * @throws ValidationError when a parameter is out of range (also `minVoltage > 0`).
 */
export class LIF extends LIFRate {
  override readonly kind: NeuronKind = "LIF";
  override readonly spiking: boolean = true;
  /** Floor of the membrane voltage (`-Infinity`: no floor). */
  readonly minVoltage: number;

  constructor(options: LIFOptions = {}) {
    super(options);
    this.minVoltage = options.minVoltage ?? 0;
    if (new.target === LIF) this.validate();
  }

  override get stateSpec(): NeuronStateSpec {
    return LIF_STATE;
  }

  /**
   * Per neuron, as Nengo 4.1: `refractoryTime -= dt`; `Δt = clip(dt - refractoryTime, 0, dt)`;
   * `v -= (J - v) · expm1(-Δt / tauRc)`; a spike when `v > 1`, at
   * `tSpike = dt + tauRc · log1p(-(v - 1) / (J - 1))`; `v` floored at `minVoltage`; on a spike
   * `v = 0` and `refractoryTime = tauRef + tSpike`.
   */
  override step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    const voltage = stateVar(state, "voltage", this.kind);
    const refractoryTime = stateVar(state, "refractoryTime", this.kind);
    const { tauRc, tauRef, minVoltage } = this;
    const spike = this.amplitude / dt;
    for (let i = 0; i < j.length; i++) output[i] = lifNeuronStep(f64At(j, i), i, voltage, refractoryTime, dt, tauRc, tauRef, minVoltage, spike);
  }

  protected override collectIssues(issues: Issue[]): void {
    super.collectIssues(issues);
    checkParam(issues, this.kind, "minVoltage", this.minVoltage, { high: 0, allowInfinite: true });
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [
      ["tauRc", this.tauRc],
      ["tauRef", this.tauRef],
      ["minVoltage", this.minVoltage],
      ["amplitude", this.amplitude],
    ];
  }
}
