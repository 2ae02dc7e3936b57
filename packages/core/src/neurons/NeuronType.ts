import { Distribution } from "../distributions/Distribution.js";
import type { Issue } from "../errors.js";
import { ValidationError } from "../errors.js";
import { FrozenObject, freezeParameters } from "../FrozenObject.js";
import { f64At, numAt } from "../internal/checked.js";
import { isPlainRecord } from "../internal/isPlainRecord.js";
import { optionsObject } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { interp, linspace } from "./internal/numeric.js";

/** Gains and biases of a population (one entry per neuron). */
export interface GainBias {
  readonly gain: Float64Array;
  readonly bias: Float64Array;
}

/** Max rates (Hz) and intercepts of a population (one entry per neuron). */
export interface MaxRatesIntercepts {
  readonly maxRates: Float64Array;
  readonly intercepts: Float64Array;
}

/**
 * The state a neuron type keeps besides its output, by name (Nengo's names in camelCase:
 * `voltage`, `refractoryTime`, `adaptation`), each with its default initial value: a number, or a
 * distribution drawn once per neuron from the ensemble's seeded generator at build.
 * The key order is Nengo's (the order in which `makeState` draws).
 */
export type NeuronStateSpec = Readonly<Record<string, number | Distribution>>;

/** An initial value for one state variable: a number, a distribution, or one value per neuron. */
export type InitialStateValue = number | Distribution | ArrayLike<number>;

/** Initial values by state-variable name, overriding a type's `stateSpec`. */
export type InitialState = Readonly<Record<string, InitialStateValue>>;

/** The kinds of the built-in neuron types (Nengo's class names). */
export type BuiltinNeuronKind =
  | "LIF"
  | "LIFRate"
  | "AdaptiveLIF"
  | "AdaptiveLIFRate"
  | "SoftLIFRate"
  | "Izhikevich"
  | "RectifiedLinear"
  | "SpikingRectifiedLinear"
  | "Sigmoid"
  | "Tanh"
  | "RegularSpiking"
  | "PoissonSpiking"
  | "StochasticSpiking"
  | "Direct";

/**
 * What `NeuronType.kind` may be: a built-in kind, or `custom:<Name>` for a neuron type defined
 * outside Plexus (whose simulator kernel is registered under that kind, or which runs its `step`).
 */
export type NeuronKind = BuiltinNeuronKind | `custom:${string}`;

/** Options every neuron type takes. */
export interface NeuronTypeOptions {
  /** Initial value per state variable, overriding the defaults of `stateSpec`. Default `{}`. */
  readonly initialState?: InitialState;
}

/**
 * A neuron model (Nengo's `NeuronType`). Frontend only: it holds parameters, computes rate curves
 * and gain/bias, and exposes an in-place, allocation-free `step` that the simulator calls on views
 * into its arena.
 *
 * Concrete types validate their parameters when constructed (all problems at once) and throw
 * `ValidationError`.
 */
export abstract class NeuronType extends FrozenObject {
  protected override get frozenFamily(): string {
    return "a neuron type";
  }

  /** The class name, as Nengo spells it (`"LIF"`, `"Sigmoid"`, ...); `custom:<Name>` outside Plexus. */
  abstract readonly kind: NeuronKind;
  /** True when `step` emits spikes (of height amplitude/dt) rather than rates. */
  abstract readonly spiking: boolean;
  /** True when rates can be negative (Tanh). */
  readonly negative: boolean = false;
  /**
   * True when `step` draws from the generator it is given (PoissonSpiking, StochasticSpiking):
   * simulators then pass one seeded from the ensemble's seed, as Nengo's `RandomState(seed + 1)`.
   */
  get stochastic(): boolean {
    return false;
  }
  /** Initial state per variable, overriding `stateSpec` where given. */
  readonly initialState: InitialState;

  constructor(options: NeuronTypeOptions = {}) {
    super();
    const given: unknown = optionsObject(options, new.target.name).initialState ?? {};
    // a frozen copy: the caller's object can change later without changing this type (a record
    // that is not one is refused by collectIssues)
    this.initialState = (isPlainRecord(given) ? Object.freeze({ ...given }) : given) as InitialState;
  }

  /** State variables and their default initial values; `{}` for stateless types. */
  abstract get stateSpec(): NeuronStateSpec;

  /** What a probe on the neurons can record: `"output"` then each state variable. */
  get probeable(): readonly string[] {
    return ["output", ...Object.keys(this.stateSpec)];
  }

  /**
   * The initial state of `nNeurons` neurons, one array per state variable in `stateSpec` order:
   * `initialState[name]` where given, else the default; distributions are drawn from `rng`
   * (`sample(nNeurons, undefined, rng)`), numbers fill the array, arrays are copied.
   * @throws ValidationError when an array of initial values does not have `nNeurons` entries.
   */
  makeState(nNeurons: number, rng: Rng): Record<string, Float64Array> {
    const state: Record<string, Float64Array> = {};
    for (const name of Object.keys(this.stateSpec)) {
      const value = this.initialValue(name);
      if (typeof value === "number") {
        state[name] = new Float64Array(nNeurons).fill(value);
      } else if (value instanceof Distribution) {
        state[name] = value.sample(nNeurons, undefined, rng);
      } else {
        if (value.length !== nNeurons) {
          throw new ValidationError({
            object: this.kind,
            attr: "initialState",
            message: `'${name}' has ${value.length} values but there are ${nNeurons} neurons; give one value per neuron, a number or a distribution`,
          });
        }
        state[name] = Float64Array.from(value);
      }
    }
    return state;
  }

  /** The initial value `makeState` uses for the state variable `name`. */
  protected initialValue(name: string): InitialStateValue {
    return this.initialState[name] ?? this.stateSpec[name] ?? 0;
  }

  /**
   * Input current J = gain · x + bias, for `x` of shape `nPoints × nNeurons` (row-major), where
   * `nNeurons = gain.length`.
   * @throws ValidationError when `x.length` is not a multiple of `gain.length`, or `bias` differs in length.
   */
  current(x: ArrayLike<number>, gain: ArrayLike<number>, bias: ArrayLike<number>): Float64Array {
    const n = gain.length;
    if (bias.length !== n || (n === 0 ? x.length !== 0 : x.length % n !== 0)) {
      throw new ValidationError({
        object: this.kind,
        attr: "x",
        message: `expected nPoints × ${n} inputs and ${n} biases (got ${x.length} inputs and ${bias.length} biases); give one gain and bias per neuron and x row-major`,
      });
    }
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const k = i % n;
      out[i] = numAt(gain, k) * numAt(x, i) + numAt(bias, k);
    }
    return out;
  }

  /** Firing rates (Hz) for `x` of shape `nPoints × nNeurons` (row-major), as Nengo's `rates`. */
  rates(x: ArrayLike<number>, gain: ArrayLike<number>, bias: ArrayLike<number>): Float64Array {
    const j = this.current(x, gain, bias);
    const out = new Float64Array(j.length);
    this.rateFromCurrent(j, out);
    return out;
  }

  /** Rates (Hz) for currents `j`, written into `out` (same length). */
  abstract rateFromCurrent(j: Float64Array, out: Float64Array): void;

  /**
   * Gain and bias that give each neuron the max rate (Hz) and intercept asked for.
   *
   * This default is Nengo's generic numerical method (slow): it finds the current range of the
   * rate curve on a doubling grid, then interpolates. Types with an analytic curve override it.
   * @throws ValidationError when no firing threshold or max current can be found, or (in
   *   overrides) when a max rate is not below the type's limit (e.g. 1/tauRef).
   */
  gainBias(maxRates: ArrayLike<number>, intercepts: ArrayLike<number>): GainBias {
    const jSteps = 101; // odd, so that 0 is a sample
    let maxRate = -Infinity;
    for (let i = 0; i < maxRates.length; i++) maxRate = Math.max(maxRate, numAt(maxRates, i));
    const one = [1];
    const zero = [0];

    let jThreshold: number | undefined;
    let jMax: number | undefined;
    let jr = 10;
    let found = false;
    for (let iter = 0; iter < 10; iter++) {
      const j = linspace(-jr, jr, jSteps);
      const rate = this.rates(j, one, zero);
      if (jThreshold === undefined) {
        for (let i = jSteps - 1; i >= 0; i--) {
          if (f64At(rate, i) <= 0) {
            jThreshold = f64At(j, i);
            break;
          }
        }
      }
      if (jMax === undefined) {
        for (let i = 0; i < jSteps; i++) {
          if (f64At(rate, i) >= maxRate) {
            jMax = f64At(j, i);
            break;
          }
        }
      }
      if (jThreshold !== undefined && jMax !== undefined) {
        found = true;
        break;
      }
      jr *= 2;
    }
    if (!found || jThreshold === undefined || jMax === undefined) {
      throw new ValidationError(
        jThreshold === undefined
          ? {
              object: this.kind,
              attr: "maxRates,intercepts",
              message: "Could not find firing threshold; this neuron type never stops firing for currents down to -10240",
            }
          : { object: this.kind, attr: "maxRates", message: `Could not find max current; no current up to 10240 reaches ${maxRate} Hz, so lower maxRates` },
      );
    }

    const j = linspace(jThreshold, jMax, jSteps);
    const rate = this.rates(j, one, zero);
    const jTops = interp(maxRates, rate, j);
    const gain = new Float64Array(maxRates.length);
    const bias = new Float64Array(maxRates.length);
    for (let i = 0; i < gain.length; i++) {
      gain[i] = (jThreshold - f64At(jTops, i)) / (numAt(intercepts, i) - 1);
      bias[i] = f64At(jTops, i) - f64At(gain, i);
    }
    return { gain, bias };
  }

  /**
   * The inverse of `gainBias`. This default is Nengo's generic numerical method: the max rate is
   * the rate at x = 1, the intercept the last x of `linspace(-1, 1, 101)` before the rate turns
   * positive. Types with an analytic curve override it.
   */
  maxRatesIntercepts(gain: ArrayLike<number>, bias: ArrayLike<number>): MaxRatesIntercepts {
    const n = gain.length;
    const maxRates = this.rates(new Float64Array(n).fill(1), gain, bias);
    const xRange = linspace(-1, 1, 101);
    const x = new Float64Array(101 * n);
    for (let p = 0; p < 101; p++) x.fill(f64At(xRange, p), p * n, (p + 1) * n);
    const rates = this.rates(x, gain, bias);
    const intercepts = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let first = 0; // argmax(rates > 0): 0 when no rate is positive
      for (let p = 0; p < 101; p++) {
        if (f64At(rates, p * n + k) > 0) {
          first = p;
          break;
        }
      }
      intercepts[k] = f64At(xRange, Math.max(first - 1, 0));
    }
    return { maxRates, intercepts };
  }

  /**
   * Advances every neuron by `dt` with input current `j`, writing `output` and updating `state`
   * in place (each state array has one entry per neuron). Allocates nothing. `rng`: the neurons'
   * run-time generator, which `stochastic` types draw from (required for them).
   */
  abstract step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>, rng?: Rng): void;

  /**
   * Appends every problem with this type's parameters to `issues`. Subclasses add their own
   * checks and call `super.collectIssues(issues)`; this base checks `initialState`.
   */
  protected collectIssues(issues: Issue[]): void {
    const spec = this.stateSpec;
    const names = Object.keys(spec);
    if (!isPlainRecord(this.initialState)) {
      issues.push({
        object: this.kind,
        attr: "initialState",
        message: `must be an object of initial values by state variable, e.g. { voltage: 0 } (got ${showValue(this.initialState)})`,
      });
      return;
    }
    for (const [name, value] of Object.entries(this.initialState)) {
      if (!(name in spec)) {
        issues.push({
          object: this.kind,
          attr: "initialState",
          message:
            names.length === 0
              ? `State variable '${name}' not recognized; ${this.kind} has no state variables`
              : `State variable '${name}' not recognized; should be one of ${names.map((k) => `'${k}'`).join(", ")}`,
        });
      } else if (!isInitialValue(value)) {
        issues.push({
          object: this.kind,
          attr: "initialState",
          message: `State variable '${name}' must be a number, a distribution or an array of numbers`,
        });
      }
    }
  }

  /**
   * Throws one `ValidationError` listing every problem `collectIssues` finds. Each concrete
   * class calls it at the end of its constructor when it is the class being constructed
   * (`new.target`), so that subclass fields are set before they are checked; then freezes its
   * parameters (assigning one throws a ValidationError, as Nengo's frozen neuron types).
   */
  protected validate(): void {
    const issues: Issue[] = [];
    this.collectIssues(issues);
    if (issues.length > 0) throw new ValidationError(issues);
    freezeParameters(this);
  }

  /** The parameters shown by `toString`, in order. */
  protected describe(): ReadonlyArray<readonly [string, unknown]> {
    return [];
  }

  /** E.g. `LIF(tauRc=0.02, tauRef=0.002, minVoltage=0, amplitude=1)`. */
  override toString(): string {
    return `${this.kind}(${this.describe()
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(", ")})`;
  }
}

function isInitialValue(value: unknown): value is InitialStateValue {
  if (typeof value === "number" || value instanceof Distribution) return true;
  if (typeof value !== "object" || value === null || !("length" in value)) return false;
  const arr = value as ArrayLike<unknown>;
  for (let i = 0; i < arr.length; i++) if (typeof arr[i] !== "number") return false;
  return true;
}
