import type { Issue } from "../errors.js";
import { f64At, numAt } from "../internal/checked.js";
import { checkParam } from "./internal/params.js";
import type { GainBias, MaxRatesIntercepts, NeuronStateSpec, NeuronTypeOptions } from "./NeuronType.js";
import { type NeuronKind, NeuronType } from "./NeuronType.js";

/** Options of `RectifiedLinear` and `SpikingRectifiedLinear`. */
export interface RectifiedLinearOptions extends NeuronTypeOptions {
  /** Scaling of the output, > 0. Default 1. */
  readonly amplitude?: number;
}

const NO_STATE: NeuronStateSpec = Object.freeze({});

/**
 * Rectified linear neuron (Nengo's `RectifiedLinear`): rate `amplitude · max(0, J)`.
 * Note that gain/bias ignore `amplitude` (as in Nengo), so max rates scale by it.
 * @throws ValidationError when `amplitude <= 0`.
 */
export class RectifiedLinear extends NeuronType {
  readonly kind: NeuronKind = "RectifiedLinear";
  readonly spiking: boolean = false;
  /** Scaling of the output. */
  readonly amplitude: number;

  constructor(options: RectifiedLinearOptions = {}) {
    super(options);
    this.amplitude = options.amplitude ?? 1;
    if (new.target === RectifiedLinear) this.validate();
  }

  get stateSpec(): NeuronStateSpec {
    return NO_STATE;
  }

  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    const amplitude = this.amplitude;
    for (let i = 0; i < j.length; i++) out[i] = amplitude * Math.max(0, f64At(j, i));
  }

  /** `gain = maxRate / (1 - intercept)`, `bias = -intercept · gain`. */
  override gainBias(maxRates: ArrayLike<number>, intercepts: ArrayLike<number>): GainBias {
    const gain = new Float64Array(maxRates.length);
    const bias = new Float64Array(maxRates.length);
    for (let i = 0; i < gain.length; i++) {
      gain[i] = numAt(maxRates, i) / (1 - numAt(intercepts, i));
      bias[i] = -numAt(intercepts, i) * f64At(gain, i);
    }
    return { gain, bias };
  }

  /** `intercept = -bias / gain`, `maxRate = gain · (1 - intercept)`. */
  override maxRatesIntercepts(gain: ArrayLike<number>, bias: ArrayLike<number>): MaxRatesIntercepts {
    const maxRates = new Float64Array(gain.length);
    const intercepts = new Float64Array(gain.length);
    for (let i = 0; i < gain.length; i++) {
      const x = -numAt(bias, i) / numAt(gain, i);
      intercepts[i] = x;
      maxRates[i] = numAt(gain, i) * (1 - x);
    }
    return { maxRates, intercepts };
  }

  step(_dt: number, j: Float64Array, output: Float64Array, _state: Readonly<Record<string, Float64Array>>): void {
    this.rateFromCurrent(j, output);
  }

  protected override collectIssues(issues: Issue[]): void {
    checkParam(issues, this.kind, "amplitude", this.amplitude, { low: 0, lowOpen: true });
    super.collectIssues(issues);
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [["amplitude", this.amplitude]];
  }
}
