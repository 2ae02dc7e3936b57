import { Uniform } from "../distributions/Uniform.js";
import type { Issue } from "../errors.js";
import { checkParam } from "./internal/params.js";
import { NeuronType, type NeuronKind } from "./NeuronType.js";
import type { GainBias, InitialStateValue, MaxRatesIntercepts, NeuronStateSpec, NeuronTypeOptions } from "./NeuronType.js";

/** Options of `RegularSpiking`. */
export interface RegularSpikingOptions extends NeuronTypeOptions {
  /** Scaling of the output spikes, > 0. Default 1. */
  readonly amplitude?: number;
}

const OWN_STATE = ["voltage", "rateOut"] as const;

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
export class RegularSpiking extends NeuronType {
  readonly kind: NeuronKind = "RegularSpiking";
  readonly spiking: boolean = true;
  override readonly negative: boolean;
  /** The rate type whose rates are turned into spikes. */
  readonly baseType: NeuronType;
  /** Scaling of the output spikes. */
  readonly amplitude: number;
  private readonly spec: NeuronStateSpec;

  constructor(baseType: NeuronType, options: RegularSpikingOptions = {}) {
    super(options);
    this.baseType = baseType;
    this.amplitude = options.amplitude ?? 1;
    this.negative = baseType.negative;
    this.spec = Object.freeze({ ...baseType.stateSpec, voltage: new Uniform(0, 1), rateOut: 0 });
    if (new.target === RegularSpiking) this.validate();
  }

  get stateSpec(): NeuronStateSpec {
    return this.spec;
  }

  /** `initialState` here, else the base type's `initialState`, else the default. */
  protected override initialValue(name: string): InitialStateValue {
    return this.initialState[name] ?? this.baseType.initialState[name] ?? this.spec[name] ?? 0;
  }

  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    this.baseType.rateFromCurrent(j, out);
  }

  override rates(x: ArrayLike<number>, gain: ArrayLike<number>, bias: ArrayLike<number>): Float64Array {
    return this.baseType.rates(x, gain, bias);
  }

  override gainBias(maxRates: ArrayLike<number>, intercepts: ArrayLike<number>): GainBias {
    return this.baseType.gainBias(maxRates, intercepts);
  }

  override maxRatesIntercepts(gain: ArrayLike<number>, bias: ArrayLike<number>): MaxRatesIntercepts {
    return this.baseType.maxRatesIntercepts(gain, bias);
  }

  step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    const rateOut = state["rateOut"]!;
    this.baseType.step(dt, j, rateOut, state);
    this.spikesFromRates(dt, rateOut, output, state["voltage"]!);
  }

  /**
   * The spiking half of `step` alone: turns rates `r` (Hz) into regular spikes, updating
   * `voltage` in place. Allocates nothing.
   */
  spikesFromRates(dt: number, r: Float64Array, output: Float64Array, voltage: Float64Array): void {
    const spike = this.amplitude / dt;
    for (let i = 0; i < r.length; i++) {
      const v = voltage[i]! + dt * r[i]!;
      const n = Math.floor(v);
      output[i] = spike * n;
      voltage[i] = v - n;
    }
  }

  protected override collectIssues(issues: Issue[]): void {
    checkParam(issues, this.kind, "amplitude", this.amplitude, { low: 0, lowOpen: true });
    const baseState = this.baseType.stateSpec;
    for (const name of OWN_STATE) {
      if (name in baseState) {
        issues.push({
          object: this.kind,
          attr: "baseType",
          message: `${this} and ${this.baseType} have an overlapping state variable (${name}); use a rate base type (e.g. LIFRate rather than LIF)`,
        });
      }
    }
    super.collectIssues(issues);
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [
      ["baseType", this.baseType],
      ["amplitude", this.amplitude],
    ];
  }
}
