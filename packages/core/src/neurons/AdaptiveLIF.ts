import { Uniform } from "../distributions/Uniform.js";
import type { Issue } from "../errors.js";
import { f64At } from "../internal/checked.js";
import { lifNeuronStep } from "./internal/lifMath.js";
import { checkParam } from "./internal/params.js";
import { stateVar } from "./internal/stateVar.js";
import type { LIFOptions } from "./LIF.js";
import { LIF } from "./LIF.js";
import type { NeuronKind, NeuronStateSpec } from "./NeuronType.js";

/** Options of `AdaptiveLIF`. */
export interface AdaptiveLIFOptions extends LIFOptions {
  /** Adaptation time constant (s), > 0. Default 1. */
  readonly tauN?: number;
  /** Adaptation increment, >= 0. Default 0.01. */
  readonly incN?: number;
}

const ADAPTIVE_LIF_STATE: NeuronStateSpec = Object.freeze({
  voltage: new Uniform(0, 1),
  refractoryTime: 0,
  adaptation: 0,
});

/**
 * Spiking LIF with adaptation (Nengo's `AdaptiveLIF`): each step runs the LIF step on
 * `J - adaptation`, then `adaptation += (dt / tauN) · (incN · output - adaptation)` (so each
 * spike adds about `incN`). State: `voltage` (default `Uniform(0, 1)`), `refractoryTime` and
 * `adaptation` (default 0). `rates` and gain/bias are LIFRate's (no adaptation).
 * @throws ValidationError when a parameter is out of range (`tauN <= 0`, `incN < 0`, or LIF's).
 */
export class AdaptiveLIF extends LIF {
  override readonly kind: NeuronKind = "AdaptiveLIF";
  /** Adaptation time constant (s). */
  readonly tauN: number;
  /** Adaptation increment. */
  readonly incN: number;

  constructor(options: AdaptiveLIFOptions = {}) {
    super(options);
    this.tauN = options.tauN ?? 1;
    this.incN = options.incN ?? 0.01;
    if (new.target === AdaptiveLIF) this.validate();
  }

  override get stateSpec(): NeuronStateSpec {
    return ADAPTIVE_LIF_STATE;
  }

  override step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    const voltage = stateVar(state, "voltage", this.kind);
    const refractoryTime = stateVar(state, "refractoryTime", this.kind);
    const n = stateVar(state, "adaptation", this.kind);
    const { tauRc, tauRef, minVoltage, incN } = this;
    const spike = this.amplitude / dt;
    const rate = dt / this.tauN;
    for (let i = 0; i < j.length; i++) {
      const ni = f64At(n, i);
      // the LIF step on J - n
      const out = lifNeuronStep(f64At(j, i) - ni, i, voltage, refractoryTime, dt, tauRc, tauRef, minVoltage, spike);
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
