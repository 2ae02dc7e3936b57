import type { Issue } from "../errors.js";
import { f64At, numAt } from "../internal/checked.js";
import * as libm from "../runtime/libm.js";
import { checkParam, requireBelowInverseRefractory } from "./internal/params.js";
import type { GainBias, MaxRatesIntercepts, NeuronStateSpec } from "./NeuronType.js";
import { type NeuronKind, NeuronType } from "./NeuronType.js";
import type { SigmoidOptions } from "./Sigmoid.js";

/** Options of `Tanh` (the same as Sigmoid's). */
export type TanhOptions = SigmoidOptions;

const NO_STATE: NeuronStateSpec = Object.freeze({});

/**
 * Non-spiking neuron with a hyperbolic-tangent curve (Nengo's `Tanh`): rate
 * `(1 / tauRef) · tanh(J)`, which is negative for J < 0 (`negative` is true).
 * @throws ValidationError when `tauRef <= 0`.
 */
export class Tanh extends NeuronType {
  readonly kind: NeuronKind = "Tanh";
  readonly spiking: boolean = false;
  override readonly negative: boolean = true;
  /** Refractory period (s). */
  readonly tauRef: number;

  constructor(options: TanhOptions = {}) {
    super(options);
    this.tauRef = options.tauRef ?? 0.0025;
    if (new.target === Tanh) this.validate();
  }

  get stateSpec(): NeuronStateSpec {
    return NO_STATE;
  }

  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    const maxRate = 1 / this.tauRef;
    for (let i = 0; i < j.length; i++) out[i] = maxRate * libm.tanh(f64At(j, i));
  }

  /**
   * `inv = atanh(maxRate · tauRef)`, `gain = inv / (1 - intercept)`, `bias = -gain · intercept`.
   * @throws ValidationError when a max rate is not below 1/tauRef.
   */
  override gainBias(maxRates: ArrayLike<number>, intercepts: ArrayLike<number>): GainBias {
    const tauRef = this.tauRef;
    requireBelowInverseRefractory(this.kind, maxRates, 1 / tauRef);
    const gain = new Float64Array(maxRates.length);
    const bias = new Float64Array(maxRates.length);
    for (let i = 0; i < gain.length; i++) {
      const inverse = libm.atanh(numAt(maxRates, i) * tauRef);
      gain[i] = inverse / (1 - numAt(intercepts, i));
      bias[i] = -f64At(gain, i) * numAt(intercepts, i);
    }
    return { gain, bias };
  }

  /** `intercept = -bias / gain`, `maxRate = (1 / tauRef) · tanh(gain + bias)`. */
  override maxRatesIntercepts(gain: ArrayLike<number>, bias: ArrayLike<number>): MaxRatesIntercepts {
    const invTauRef = 1 / this.tauRef;
    const maxRates = new Float64Array(gain.length);
    const intercepts = new Float64Array(gain.length);
    for (let i = 0; i < gain.length; i++) {
      intercepts[i] = -numAt(bias, i) / numAt(gain, i);
      maxRates[i] = invTauRef * libm.tanh(numAt(gain, i) + numAt(bias, i));
    }
    return { maxRates, intercepts };
  }

  step(_dt: number, j: Float64Array, output: Float64Array, _state: Readonly<Record<string, Float64Array>>): void {
    this.rateFromCurrent(j, output);
  }

  protected override collectIssues(issues: Issue[]): void {
    checkParam(issues, this.kind, "tauRef", this.tauRef, { low: 0, lowOpen: true });
    super.collectIssues(issues);
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [["tauRef", this.tauRef]];
  }
}
