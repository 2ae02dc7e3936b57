import type { Issue } from "../errors.js";
import { f64At } from "../internal/checked.js";
import { lifRate } from "./internal/lifMath.js";
import { checkParam } from "./internal/params.js";
import { stateVar } from "./internal/stateVar.js";
import type { LIFRateOptions } from "./LIFRate.js";
import { LIFRate } from "./LIFRate.js";
import type { NeuronKind, NeuronStateSpec } from "./NeuronType.js";

/** Options of `AdaptiveLIFRate`. */
export interface AdaptiveLIFRateOptions extends LIFRateOptions {
  /** Adaptation time constant (s), > 0. Default 1. */
  readonly tauN?: number;
  /** Adaptation increment, >= 0. Default 0.01. */
  readonly incN?: number;
}

const ADAPTIVE_RATE_STATE: NeuronStateSpec = Object.freeze({ adaptation: 0 });

/**
 * Non-spiking LIF with adaptation (Nengo's `AdaptiveLIFRate`): the state `adaptation` (n,
 * default 0) is subtracted from the input current, and follows
 * `n += (dt / tauN) · (incN · output - n)`. `rates` and gain/bias are LIFRate's (no adaptation).
 * @throws ValidationError when a parameter is out of range (`tauN <= 0`, `incN < 0`, or LIFRate's).
 */
export class AdaptiveLIFRate extends LIFRate {
  override readonly kind: NeuronKind = "AdaptiveLIFRate";
  /** Adaptation time constant (s). */
  readonly tauN: number;
  /** Adaptation increment. */
  readonly incN: number;

  constructor(options: AdaptiveLIFRateOptions = {}) {
    super(options);
    this.tauN = options.tauN ?? 1;
    this.incN = options.incN ?? 0.01;
    if (new.target === AdaptiveLIFRate) this.validate();
  }

  override get stateSpec(): NeuronStateSpec {
    return ADAPTIVE_RATE_STATE;
  }

  override step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    const n = stateVar(state, "adaptation", this.kind);
    const { tauRc, tauRef, amplitude, incN } = this;
    const rate = dt / this.tauN;
    for (let i = 0; i < j.length; i++) {
      const ni = f64At(n, i);
      const out = lifRate(f64At(j, i) - ni, tauRc, tauRef, amplitude);
      output[i] = out;
      n[i] = ni + rate * (incN * out - ni);
    }
  }

  protected override collectIssues(issues: Issue[]): void {
    super.collectIssues(issues);
    checkParam(issues, this.kind, "tauN", this.tauN, { low: 0, lowOpen: true });
    checkParam(issues, this.kind, "incN", this.incN, { low: 0 });
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [["tauN", this.tauN], ["incN", this.incN], ...super.describe()];
  }
}
