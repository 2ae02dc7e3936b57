import { type Issue, ValidationError } from "../errors.js";
import { warn } from "../internal/warn.js";
import type { Rng } from "../Rng.js";
import { checkParam } from "./internal/params.js";
import { stateVar } from "./internal/stateVar.js";
import type { GainBias, InitialStateValue, MaxRatesIntercepts, NeuronStateSpec, NeuronTypeOptions } from "./NeuronType.js";
import { NeuronType } from "./NeuronType.js";

/** Options of the types that turn a rate type into a spiking one. */
export interface RatesToSpikesOptions extends NeuronTypeOptions {
  /** Scaling of the output spikes, > 0. Default 1. */
  readonly amplitude?: number;
}

/**
 * The base of the types that turn a rate neuron type into a spiking one (Nengo's
 * `RatesToSpikesNeuronType`): each step runs `baseType.step` to get the rate r (kept in the state
 * variable `rateOut`, Nengo's `rate_out` signal), then turns r into spikes of height
 * `amplitude / dt`. State: the base type's, then the subclass's own (ending with `rateOut`).
 * Rates and gain/bias are the base type's (without `amplitude`).
 * Warns (as Nengo does) when the base type is itself spiking.
 * @throws ValidationError when `amplitude <= 0`, or the base type has a state variable of the same
 *   name as one of the subclass's (a spiking base such as LIF: use its rate version, e.g. LIFRate).
 */
export abstract class RatesToSpikesNeuronType extends NeuronType {
  readonly spiking: boolean = true;
  override readonly negative: boolean;
  /** The rate type whose rates are turned into spikes. */
  readonly baseType: NeuronType;
  /** Scaling of the output spikes. */
  readonly amplitude: number;
  // not an own enumerable property: specs and snapshots of a type list its parameters only
  readonly #ownState: NeuronStateSpec;
  private readonly spec: NeuronStateSpec;

  constructor(baseType: NeuronType, ownState: NeuronStateSpec, options: RatesToSpikesOptions = {}) {
    super(options);
    if (!(baseType instanceof NeuronType)) {
      throw new ValidationError({
        object: new.target.name,
        attr: "baseType",
        message: `must be a rate neuron type, e.g. new ${new.target.name}(new LIFRate()) (got ${baseType === null ? "null" : typeof baseType})`,
      });
    }
    if (baseType.spiking) {
      warn(
        `${new.target.name}.baseType: '${baseType.kind}' is a spiking neuron type; use its non-spiking equivalent (e.g. LIFRate for LIF), if one exists`,
        "PLEXUS_SPIKING_BASE_TYPE",
      );
    }
    this.baseType = baseType;
    this.amplitude = options.amplitude ?? 1;
    this.negative = baseType.negative;
    this.#ownState = ownState;
    this.spec = Object.freeze({ ...baseType.stateSpec, ...ownState });
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

  step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>, rng?: Rng): void {
    const rateOut = stateVar(state, "rateOut", this.kind);
    this.baseType.step(dt, j, rateOut, state, rng);
    this.spikes(dt, rateOut, output, state, rng);
  }

  /** Turns the rates `r` (Hz) into spikes in `output`, updating the subclass's state. Allocates nothing. */
  protected abstract spikes(dt: number, r: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>, rng: Rng | undefined): void;

  protected override collectIssues(issues: Issue[]): void {
    checkParam(issues, this.kind, "amplitude", this.amplitude, { low: 0, lowOpen: true });
    const baseState = this.baseType.stateSpec;
    for (const name of Object.keys(this.#ownState)) {
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
