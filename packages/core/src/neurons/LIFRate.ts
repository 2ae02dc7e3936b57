import type { Issue } from "../errors.js";
import { f64At, numAt } from "../internal/checked.js";
import * as libm from "../runtime/libm.js";
import { lifRate } from "./internal/lifMath.js";
import { checkParam, requireBelowInverseRefractory } from "./internal/params.js";
import type { GainBias, MaxRatesIntercepts, NeuronStateSpec, NeuronTypeOptions } from "./NeuronType.js";
import { type NeuronKind, NeuronType } from "./NeuronType.js";

/** Options of `LIFRate` (and the base of the other LIF options). */
export interface LIFRateOptions extends NeuronTypeOptions {
  /** Membrane RC time constant (s), > 0. Default 0.02. */
  readonly tauRc?: number;
  /** Absolute refractory period (s), >= 0. Default 0.002. */
  readonly tauRef?: number;
  /** Scaling of the output, > 0. Default 1. */
  readonly amplitude?: number;
}

const NO_STATE: NeuronStateSpec = Object.freeze({});

/**
 * Non-spiking leaky integrate-and-fire neuron (Nengo's `LIFRate`): the rate is
 * `amplitude / (tauRef + tauRc · log1p(1 / (J - 1)))` for J > 1, else 0.
 * @throws ValidationError when a parameter is out of range (`tauRc <= 0`, `tauRef < 0`, `amplitude <= 0`).
 */
export class LIFRate extends NeuronType {
  readonly kind: NeuronKind = "LIFRate";
  readonly spiking: boolean = false;
  /** Membrane RC time constant (s). */
  readonly tauRc: number;
  /** Absolute refractory period (s). */
  readonly tauRef: number;
  /** Scaling of the output. */
  readonly amplitude: number;

  constructor(options: LIFRateOptions = {}) {
    super(options);
    this.tauRc = options.tauRc ?? 0.02;
    this.tauRef = options.tauRef ?? 0.002;
    this.amplitude = options.amplitude ?? 1;
    if (new.target === LIFRate) this.validate();
  }

  get stateSpec(): NeuronStateSpec {
    return NO_STATE;
  }

  /** The LIFRate curve, which every LIF variant uses for its rates (adaptation ignored). */
  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    const { tauRc, tauRef, amplitude } = this;
    for (let i = 0; i < j.length; i++) out[i] = lifRate(f64At(j, i), tauRc, tauRef, amplitude);
  }

  /**
   * Analytic gain and bias: `z = 1 / (1 - exp((tauRef - 1/maxRate) / tauRc))`,
   * `gain = (1 - z) / (intercept - 1)`, `bias = 1 - gain · intercept`.
   * @throws ValidationError when a max rate is not below 1/tauRef.
   */
  override gainBias(maxRates: ArrayLike<number>, intercepts: ArrayLike<number>): GainBias {
    const { tauRc, tauRef } = this;
    requireBelowInverseRefractory(this.kind, maxRates, tauRef > 0 ? 1 / tauRef : Infinity);
    const gain = new Float64Array(maxRates.length);
    const bias = new Float64Array(maxRates.length);
    for (let i = 0; i < gain.length; i++) {
      const z = 1 / (1 - libm.exp((tauRef - 1 / numAt(maxRates, i)) / tauRc));
      gain[i] = (1 - z) / (numAt(intercepts, i) - 1);
      bias[i] = 1 - f64At(gain, i) * numAt(intercepts, i);
    }
    return { gain, bias };
  }

  /**
   * `intercept = (1 - bias) / gain`, `maxRate = 1 / (tauRef - tauRc · log1p(1 / (gain · (intercept - 1) - 1)))`
   * (not finite when gain + bias <= 1).
   */
  override maxRatesIntercepts(gain: ArrayLike<number>, bias: ArrayLike<number>): MaxRatesIntercepts {
    const { tauRc, tauRef } = this;
    const maxRates = new Float64Array(gain.length);
    const intercepts = new Float64Array(gain.length);
    for (let i = 0; i < gain.length; i++) {
      const g = numAt(gain, i);
      const x = (1 - numAt(bias, i)) / g;
      intercepts[i] = x;
      maxRates[i] = 1 / (tauRef - tauRc * libm.log1p(1 / (g * (x - 1) - 1)));
    }
    return { maxRates, intercepts };
  }

  /** Sets `output` to the LIFRate curve of `j` (dt is unused). */
  step(_dt: number, j: Float64Array, output: Float64Array, _state: Readonly<Record<string, Float64Array>>): void {
    this.rateFromCurrent(j, output);
  }

  protected override collectIssues(issues: Issue[]): void {
    checkParam(issues, this.kind, "tauRc", this.tauRc, { low: 0, lowOpen: true });
    checkParam(issues, this.kind, "tauRef", this.tauRef, { low: 0 });
    checkParam(issues, this.kind, "amplitude", this.amplitude, { low: 0, lowOpen: true });
    super.collectIssues(issues);
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [
      ["tauRc", this.tauRc],
      ["tauRef", this.tauRef],
      ["amplitude", this.amplitude],
    ];
  }
}
