import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { elemAt, f64At, numAt } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { requireSize } from "./checkProcess.js";
import { makeInterpSpline } from "./interpSpline.js";
import { Process, type ProcessStep } from "./Process.js";

/** One piece of a {@link Piecewise}: a value, a vector, or a function of time giving either. */
export type PiecewiseValue = number | ArrayLike<number> | ((t: number) => number | ArrayLike<number>);

/** The pieces of a {@link Piecewise}, keyed by start time in seconds. */
export type PiecewiseData = Readonly<Record<number, PiecewiseValue>> | ReadonlyMap<number, PiecewiseValue>;

/**
 * How {@link Piecewise} fills in between keys:
 * - `zero` (default): each value holds from its key until the next;
 * - `linear` (also `slinear`, the same line): straight lines between keys, 0 outside the keys;
 * - `nearest`: the value of the nearest key, 0 outside the keys;
 * - `quadratic`, `cubic`: scipy's interpolating splines (`interp1d`), 0 outside the keys; they
 *   need at least 3 and 4 keys.
 */
export type PiecewiseInterpolation = "zero" | "linear" | "slinear" | "nearest" | "quadratic" | "cubic";

/** Options of {@link Piecewise}. */
export interface PiecewiseOptions {
  /** Default `"zero"`. With a function among the pieces, Nengo (and Plexus) falls back to `"zero"`. */
  readonly interpolation?: PiecewiseInterpolation;
  readonly seed?: number | undefined;
}

const INTERPOLATIONS: readonly PiecewiseInterpolation[] = ["zero", "linear", "slinear", "nearest", "quadratic", "cubic"];

/**
 * A piecewise function of time (Nengo's `nengo.processes.Piecewise`). With `zero` interpolation
 * the piece active at time t is the one with the last key `tp < t + dt/2`, strictly (numpy's
 * `searchsorted(keys, t + 0.5 dt) - 1`); before the first key the output is zeros. So a key at
 * 0.005 takes effect at the step t = 0.005, and a key half-way between steps takes effect one
 * step later. A function piece is called with t.
 */
export class Piecewise extends Process {
  readonly kind = "Piecewise";
  /** Sorted start times (seconds). */
  readonly times: readonly number[];
  /** The piece starting at each time, with constants flattened. */
  readonly values: readonly (Float64Array | ((t: number) => number | ArrayLike<number>))[];
  /** The interpolation used (`zero` when a piece is a function). */
  readonly interpolation: PiecewiseInterpolation;
  readonly defaultSizeOut: number;

  /**
   * @throws ValidationError when a key is not a finite number (or repeats), a value is not
   *   numeric, the pieces have different sizes, a function piece fails at its key, or the
   *   interpolation is unknown or needs two keys.
   */
  constructor(data: PiecewiseData, options: PiecewiseOptions = {}) {
    super(options);
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new ValidationError({ object: "Piecewise", attr: "data", message: `must be a Map or an object of time: value (got ${showValue(data)})` });
    }
    const entries: [number, PiecewiseValue][] =
      data instanceof Map
        ? [...(data as ReadonlyMap<number, PiecewiseValue>).entries()]
        : Object.entries(data as Readonly<Record<string, PiecewiseValue>>).map(([k, v]) => [Number(k), v]);
    if (entries.length === 0) throw new ValidationError({ object: "Piecewise", attr: "data", message: "must have at least one time key (got none)" });
    const fail = (message: string): never => {
      throw new ValidationError({ object: "Piecewise", attr: "data", message });
    };
    let size: number | undefined;
    const pieces: [number, Float64Array | ((t: number) => number | ArrayLike<number>)][] = [];
    // In time order (as Nengo's messages): a plain object lists integer keys first.
    entries.sort((a, b) => a[0] - b[0]);
    for (const [time, value] of entries) {
      if (typeof time !== "number" || !Number.isFinite(time)) fail(`keys must be times in seconds (got ${showValue(time)})`);
      let flat: Float64Array;
      if (typeof value === "function") {
        let got: number | ArrayLike<number>;
        try {
          got = value(time);
        } catch (cause) {
          throw new ValidationError(
            { object: "Piecewise", attr: "data", message: `the function for time ${time} should return a number or numbers` },
            { cause },
          );
        }
        flat = toValues(got, time, fail);
      } else {
        flat = toValues(value, time, fail);
      }
      if (size !== undefined && flat.length !== size) fail(`time ${time} has size ${flat.length} instead of ${size}`);
      size = flat.length;
      pieces.push([time, typeof value === "function" ? value : flat]);
    }
    pieces.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < pieces.length; i++) if (elemAt(pieces, i)[0] === elemAt(pieces, i - 1)[0]) fail(`time ${elemAt(pieces, i)[0]} appears twice`);
    this.times = Object.freeze(pieces.map((p) => p[0]));
    this.values = Object.freeze(pieces.map((p) => p[1]));
    this.defaultSizeOut = size ?? 0;

    let interpolation = options.interpolation ?? "zero";
    if (!INTERPOLATIONS.includes(interpolation)) {
      throw new ValidationError({
        object: "Piecewise",
        attr: "interpolation",
        message: `must be one of ${INTERPOLATIONS.join(", ")} (got ${showValue(interpolation)})`,
      });
    }
    if (interpolation !== "zero" && this.values.some((v) => typeof v === "function")) interpolation = "zero";
    const minKeys = interpolation === "cubic" ? 4 : interpolation === "quadratic" ? 3 : 2;
    if (interpolation !== "zero" && this.times.length < minKeys) {
      throw new ValidationError({
        object: "Piecewise",
        attr: "interpolation",
        message: `'${interpolation}' interpolation needs at least ${minKeys} time keys (got ${this.times.length})`,
      });
    }
    this.interpolation = interpolation;
    if (new.target === Piecewise) freezeParameters(this);
  }

  makeStep(sizeIn: number, sizeOut: number, dt: number, _rng: Rng): ProcessStep {
    requireSize("Piecewise", "sizeIn", sizeIn, 0);
    requireSize("Piecewise", "sizeOut", sizeOut, this.defaultSizeOut);
    const tp = this.times;
    const yp = this.values;
    const last = tp.length - 1;
    const write = (piece: Float64Array | ((t: number) => number | ArrayLike<number>), t: number, out: Float64Array): void => {
      if (typeof piece !== "function") {
        out.set(piece);
        return;
      }
      const got = piece(t);
      if (typeof got === "number") {
        if (sizeOut !== 1)
          throw new ValidationError({ object: "Piecewise", attr: "data", message: `the function returned 1 value at t=${t}, expected ${sizeOut}` });
        out[0] = got;
      } else {
        if (got.length !== sizeOut) {
          throw new ValidationError({
            object: "Piecewise",
            attr: "data",
            message: `the function returned ${got.length} values at t=${t}, expected ${sizeOut}`,
          });
        }
        for (let j = 0; j < sizeOut; j++) out[j] = numAt(got, j);
      }
    };

    if (this.interpolation === "zero") {
      return (t, _x, out) => {
        const ti = searchsortedLeft(tp, t + 0.5 * dt) - 1;
        if (ti < 0) out.fill(0);
        else write(elemAt(yp, Math.min(ti, last)), t, out);
      };
    }

    const y = yp as readonly Float64Array[];
    if (this.interpolation === "quadratic" || this.interpolation === "cubic") {
      const spline = makeInterpSpline(tp, y, this.interpolation === "cubic" ? 3 : 2);
      return (t, _x, out) => {
        if (t < numAt(tp, 0) || t > numAt(tp, last)) out.fill(0);
        else spline.evaluate(t, out);
      };
    }
    if (this.interpolation === "nearest") {
      // scipy interp1d(kind="nearest"): the midpoints between keys split the pieces (side left)
      const mid = tp.slice(1).map((x, i) => (x + numAt(tp, i)) / 2);
      return (t, _x, out) => {
        if (t < numAt(tp, 0) || t > numAt(tp, last)) out.fill(0);
        else out.set(elemAt(y, searchsortedLeft(mid, t)));
      };
    }
    // scipy interp1d(kind="linear") with 2-D y: slope (y_hi - y_lo)/(x_hi - x_lo) from x_lo
    return (t, _x, out) => {
      if (t < numAt(tp, 0) || t > numAt(tp, last)) {
        out.fill(0);
        return;
      }
      const hi = Math.min(Math.max(searchsortedLeft(tp, t), 1), last);
      const lo = hi - 1;
      const xlo = numAt(tp, lo);
      const dx = numAt(tp, hi) - xlo;
      const ylo = elemAt(y, lo);
      const yhi = elemAt(y, hi);
      for (let j = 0; j < sizeOut; j++) out[j] = ((f64At(yhi, j) - f64At(ylo, j)) / dx) * (t - xlo) + f64At(ylo, j);
    };
  }
}

/** numpy.searchsorted(a, v, side="left"): the number of entries of sorted `a` that are < v. */
function searchsortedLeft(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (numAt(a, mid) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toValues(value: unknown, time: number, fail: (m: string) => never): Float64Array {
  if (typeof value === "number") return Float64Array.of(value);
  if (typeof value === "object" && value !== null && typeof (value as ArrayLike<unknown>).length === "number") {
    const a = value as ArrayLike<unknown>;
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== "number") fail(`the value for time ${time} must be numbers (got ${showValue(v)})`);
      out[i] = v as number;
    }
    return out;
  }
  return fail(`the value for time ${time} must be a number, numbers or a function of t (got ${typeof value})`);
}
