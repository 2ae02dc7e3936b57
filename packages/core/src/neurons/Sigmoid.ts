import type { Issue } from "../errors.js";
import { f64At, numAt } from "../internal/checked.js";
import * as libm from "../runtime/libm.js";
import { checkParam, requireBelowInverseRefractory } from "./internal/params.js";
import type { GainBias, MaxRatesIntercepts, NeuronStateSpec, NeuronTypeOptions } from "./NeuronType.js";
import { type NeuronKind, NeuronType } from "./NeuronType.js";

/** Options of `Sigmoid` and `Tanh`. */
export interface SigmoidOptions extends NeuronTypeOptions {
  /** Refractory period (s), > 0; the rates stay below `1 / tauRef`. Default 0.0025. */
  readonly tauRef?: number;
}

const NO_STATE: NeuronStateSpec = Object.freeze({});

/**
 * Non-spiking neuron with a sigmoid curve (Nengo's `Sigmoid`): rate `(1 / tauRef) / (1 + exp(-J))`.
 * Its "intercept" is the inflection point, where the rate is `0.5 / tauRef`; so gain <= 0 for
 * max rates <= `0.5 / tauRef`.
 * @throws ValidationError when `tauRef <= 0`.
 */
export class Sigmoid extends NeuronType {
  readonly kind: NeuronKind = "Sigmoid";
  readonly spiking: boolean = false;
  /** Refractory period (s). */
  readonly tauRef: number;

  constructor(options: SigmoidOptions = {}) {
    super(options);
    this.tauRef = options.tauRef ?? 0.0025;
    if (new.target === Sigmoid) this.validate();
  }

  get stateSpec(): NeuronStateSpec {
    return NO_STATE;
  }

  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    const maxRate = 1 / this.tauRef;
    for (let i = 0; i < j.length; i++) out[i] = maxRate / (1 + libm.exp(-f64At(j, i)));
  }

  /**
   * `inv = -log(1 / (tauRef · maxRate) - 1)`, `gain = inv / (1 - intercept)`, `bias = inv - gain`.
   * @throws ValidationError when a max rate is not below 1/tauRef.
   */
  override gainBias(maxRates: ArrayLike<number>, intercepts: ArrayLike<number>): GainBias {
    const invTauRef = 1 / this.tauRef;
    requireBelowInverseRefractory(this.kind, maxRates, invTauRef);
    const gain = new Float64Array(maxRates.length);
    const bias = new Float64Array(maxRates.length);
    for (let i = 0; i < gain.length; i++) {
      const inverse = -libm.log(invTauRef / numAt(maxRates, i) - 1);
      gain[i] = inverse / (1 - numAt(intercepts, i));
      bias[i] = inverse - f64At(gain, i);
    }
    return { gain, bias };
  }

  /** `inv = gain + bias`, `intercept = 1 - inv / gain`, `maxRate = (1 / tauRef) / (1 + exp(-inv))`. */
  override maxRatesIntercepts(gain: ArrayLike<number>, bias: ArrayLike<number>): MaxRatesIntercepts {
    const invTauRef = 1 / this.tauRef;
    const maxRates = new Float64Array(gain.length);
    const intercepts = new Float64Array(gain.length);
    for (let i = 0; i < gain.length; i++) {
      const inverse = numAt(gain, i) + numAt(bias, i);
      intercepts[i] = 1 - inverse / numAt(gain, i);
      maxRates[i] = invTauRef / (1 + libm.exp(-inverse));
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
