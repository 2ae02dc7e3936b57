import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { numAt } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import * as libm from "../runtime/libm.js";
import { checkDims, checkDt } from "./checkDt.js";
import { General } from "./General.js";
import { NoD } from "./NoD.js";
import { NoX } from "./NoX.js";
import { OneX } from "./OneX.js";
import { type DiscreteFilter, type FilterStepper, Synapse } from "./Synapse.js";
import { cont2discrete, type DiscretizeMethod, tf2ss } from "./stateSpace.js";

export type { DiscretizeMethod } from "./stateSpace.js";

/** Options of {@link LinearFilter}. */
export interface LinearFilterOptions {
  /** Whether `num`/`den` are continuous-time (s-domain) coefficients. Default true. */
  readonly analog?: boolean;
  /** How an analog filter is discretised (scipy's `cont2discrete`). Default `"zoh"`. */
  readonly method?: DiscretizeMethod;
}

/** The name of the Nengo step class that runs a discrete filter. */
export type LinearFilterStepClass = "NoX" | "OneX" | "OneXScalar" | "NoD" | "General";

const methods: readonly DiscretizeMethod[] = ["zoh", "bilinear", "euler", "backward_diff"];

function checkCoefficients(object: string, attr: string, values: ArrayLike<number>): number[] {
  if (typeof values !== "object" || values === null) {
    throw new ValidationError({ object, attr, message: `must be an array of coefficients (got ${showValue(values)})` });
  }
  const list = Array.from(values);
  if (list.length === 0) {
    throw new ValidationError({ object, attr, message: "must have at least one coefficient (got none)" });
  }
  for (const v of list) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ValidationError({ object, attr, message: `coefficients must be finite numbers (got ${showValue(v)})` });
    }
  }
  return list;
}

/**
 * A linear time-invariant filter given by its transfer function `num(s) / den(s)` (Nengo's
 * `nengo.synapses.LinearFilter`). An analog filter is realised with `tf2ss` (controller canonical
 * form) and discretised for the simulator's `dt` with `cont2discrete` (zero-order hold by
 * default, the matrix exponential of the augmented matrix); a discrete one (`analog: false`,
 * z-domain coefficients) is used as it is. The step is Nengo's: {@link NoX}, {@link OneX},
 * {@link NoD} or {@link General} (see {@link DiscreteFilter.stepKind}).
 */
export class LinearFilter extends Synapse {
  readonly kind: string = "LinearFilter";
  /** Numerator coefficients, highest power first. */
  readonly num: readonly number[];
  /** Denominator coefficients, highest power first. */
  readonly den: readonly number[];
  readonly analog: boolean;
  readonly method: DiscretizeMethod;

  static readonly NoX = NoX;
  static readonly OneX = OneX;
  static readonly NoD = NoD;
  static readonly General = General;

  /**
   * @throws ValidationError when a coefficient is not finite, the denominator is all zeros, the
   *   transfer function is improper (numerator longer than denominator after normalisation) or
   *   `method` is unknown.
   */
  constructor(num: ArrayLike<number>, den: ArrayLike<number>, options: LinearFilterOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    const object = new.target.name;
    this.num = Object.freeze(checkCoefficients(object, "num", num));
    this.den = Object.freeze(checkCoefficients(object, "den", den));
    this.analog = opts.analog ?? true;
    this.method = opts.method ?? "zoh";
    if (!methods.includes(this.method)) {
      throw new ValidationError({
        object,
        attr: "method",
        message: `must be one of ${methods.join(", ")} (got ${showValue(this.method)})`,
      });
    }
    if (this.den.every((x) => x === 0)) {
      throw new ValidationError({ object, attr: "den", message: "must have a non-zero coefficient" });
    }
    try {
      tf2ss(this.num, this.den);
    } catch (cause) {
      throw new ValidationError({ object, attr: "num", message: "the numerator is longer than the denominator (improper transfer function)" }, { cause });
    }
    if (new.target === LinearFilter) freezeParameters(this);
  }

  /**
   * The filter for time step `dt` (seconds): Nengo's `_get_ss(dt)`, finite for every filter that
   * is (a Lowpass or Alpha with a tau so small that even its coefficients overflow steps as no
   * filter, its limit).
   * @throws ValidationError when the discrete coefficients are not finite (a filter far too fast
   *   or unstable for `dt`).
   */
  discretize(dt: number): DiscreteFilter {
    checkDt(this.kind, dt);
    let ss = tf2ss(this.num, this.den);
    if (this.analog && ss.order > 0) ss = cont2discrete(ss, dt, this.method);
    const { order, a, b, c, d } = ss;
    const finite = Number.isFinite(d) && [a, b, c].every((m) => m.every(Number.isFinite));
    if (!finite) {
      if (this.passesThroughInLimit()) return passThrough(Math.max(order, 1));
      throw new ValidationError({
        object: this.toString(),
        message: `discretising it for dt = ${dt} s gives non-finite coefficients; use a slower (or no) filter`,
      });
    }
    const stepKind = order === 0 ? "noX" : d === 0 ? (order === 1 ? "oneX" : "noD") : "general";
    return { order, a, b, c, d, stepKind };
  }

  /** Whether the filter tends to no filter (gain 1) as it gets faster: true for Lowpass and Alpha. */
  protected passesThroughInLimit(): boolean {
    return false;
  }

  makeStepper(dt: number, dims: number, state?: Float64Array): FilterStepper {
    checkDims(this.kind, dims);
    return LinearFilter.stepperFor(this.discretize(dt), dims, state);
  }

  /** The name of the Nengo step class that runs this filter at `dt` over `dims` channels. */
  stepClass(dt: number, dims = 1): LinearFilterStepClass {
    const kind = this.discretize(dt).stepKind;
    switch (kind) {
      case "noX":
        return "NoX";
      case "oneX":
        return dims === 1 ? "OneXScalar" : "OneX";
      case "noD":
        return "NoD";
      case "general":
        return "General";
    }
  }

  /** The Nengo step for a discrete filter (chosen as `LinearFilter.make_step` does). */
  static stepperFor(filter: DiscreteFilter, dims: number, state?: Float64Array): FilterStepper {
    switch (filter.stepKind) {
      case "noX":
        return new NoX(filter, dims, state);
      case "oneX":
        return new OneX(filter, dims, state);
      case "noD":
        return new NoD(filter, dims, state);
      case "general":
        return new General(filter, dims, state);
    }
  }

  /**
   * This filter in series with `other` (Nengo's `combine`): the product of the transfer functions.
   * @throws ValidationError when one is analog and the other discrete.
   */
  combine(other: LinearFilter): LinearFilter {
    if (this.analog !== other.analog) {
      throw new ValidationError({ object: this.kind, attr: "obj", message: "cannot combine analog and digital filters" });
    }
    return new LinearFilter(polymul(this.num, other.num), polymul(this.den, other.den), {
      analog: this.analog,
      method: this.method,
    });
  }

  /**
   * The transfer function at `frequencies` (Hz), as Nengo's `evaluate`: num(s)/den(s) at
   * s = 2πi·f for an analog filter, at z = exp(2πi·f) for a discrete one. Returns the real and
   * imaginary parts.
   */
  evaluate(frequencies: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
    const n = frequencies.length;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    const polyval = (p: readonly number[], wr: number, wi: number): [number, number] => {
      let yr = 0;
      let yi = 0;
      for (const c of p) [yr, yi] = [yr * wr - yi * wi + c, yr * wi + yi * wr];
      return [yr, yi];
    };
    for (let i = 0; i < n; i++) {
      const w = 2 * Math.PI * numAt(frequencies, i);
      const [wr, wi] = this.analog ? [0, w] : [libm.cos(w), libm.sin(w)];
      const [nr, ni] = polyval(this.num, wr, wi);
      const [dr, di] = polyval(this.den, wr, wi);
      const m = dr * dr + di * di;
      re[i] = (nr * dr + ni * di) / m;
      im[i] = (ni * dr - nr * di) / m;
    }
    return { re, im };
  }

  override toString(): string {
    return `LinearFilter([${this.num.join(", ")}], [${this.den.join(", ")}]${this.analog ? "" : ", analog=false"})`;
  }
}

function polymul(p: readonly number[], q: readonly number[]): number[] {
  const out = new Array<number>(p.length + q.length - 1).fill(0);
  for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) out[i + j] = numAt(out, i + j) + numAt(p, i) * numAt(q, j);
  return out;
}

/** The limit of a unit-gain filter much faster than dt: x = u each step, y = x (a -> 0, b -> 1). */
function passThrough(order: number): DiscreteFilter {
  const b = new Float64Array(order);
  const c = new Float64Array(order);
  b[0] = 1;
  c[0] = 1;
  return { order, a: new Float64Array(order * order), b, c, d: 0, stepKind: order === 1 ? "oneX" : "noD" };
}
