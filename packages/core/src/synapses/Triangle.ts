import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { roundHalfEven } from "../internal/roundHalfEven.js";
import { checkDims, checkDt, checkTau, initialOutput, stateBuffer } from "./checkDt.js";
import { type DiscreteFilter, type FilterStepper, Synapse } from "./Synapse.js";

/**
 * A triangular finite-impulse-response synapse (Nengo's `nengo.synapses.Triangle`): for time
 * step `dt` it has `nTaps = round(t / dt) + 1` taps `[n, n-1, ..., 1] / sum`, and
 * `y[k] = sum_i taps[i] u[k-i]` (no delay: `y[0] = taps[0] u[0]`).
 *
 * The stepper computes it as Nengo does, recursively with one multiply per tap change:
 * `Y += taps[0] u - sum(X)`, then the oldest slot of the ring buffer X takes `taps[last] u`.
 * Per channel its state holds Y, the `nTaps` ring entries and the ring position.
 */
export class Triangle extends Synapse {
  readonly kind: string = "Triangle";
  /** Length of the triangle in seconds (>= 0). */
  readonly t: number;

  /** @throws ValidationError when `t` is negative or not finite. */
  constructor(t: number) {
    super();
    this.t = checkTau("Triangle", "t", t);
    if (new.target === Triangle) freezeParameters(this);
  }

  /** The number of FIR taps at `dt`: `round(t / dt) + 1` (numpy's round half to even). */
  nTaps(dt: number): number {
    checkDt(this.kind, dt);
    return roundHalfEven(this.t / dt) + 1;
  }

  /** The FIR taps at `dt`, `[n, n-1, ..., 1] / sum`. */
  taps(dt: number): Float64Array {
    const n = this.nTaps(dt);
    const taps = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      taps[i] = n - i;
      sum += n - i;
    }
    for (let i = 0; i < n; i++) taps[i] = f64At(taps, i) / sum;
    return taps;
  }

  /**
   * The FIR filter as a state-space system (a shift register of past inputs,
   * `y = taps[1..] · x + taps[0] u`): the same outputs, up to rounding, as the recursive stepper.
   */
  discretize(dt: number): DiscreteFilter {
    const taps = this.taps(dt);
    const n = taps.length - 1;
    if (n === 0) {
      return { order: 0, a: new Float64Array(0), b: new Float64Array(0), c: new Float64Array(0), d: f64At(taps, 0), stepKind: "noX" };
    }
    const a = new Float64Array(n * n);
    for (let i = 1; i < n; i++) a[i * n + i - 1] = 1;
    const b = new Float64Array(n);
    b[0] = 1;
    return { order: n, a, b, c: taps.slice(1), d: f64At(taps, 0), stepKind: "general" };
  }

  /** Per channel: Y, the `nTaps` ring entries and the ring position. */
  override stateSize(dt: number): number {
    return this.nTaps(dt) + 2;
  }

  makeStepper(dt: number, dims: number, state?: Float64Array): FilterStepper {
    checkDims(this.kind, dims);
    const taps = this.taps(dt);
    return new TriangleStepper(taps.length, f64At(taps, 0), f64At(taps, taps.length - 1), dims, stateBuffer(this.kind, (taps.length + 2) * dims, state));
  }

  override toString(): string {
    return `Triangle(${this.t})`;
  }
}

class TriangleStepper implements FilterStepper {
  // state layout: [Y (dims) | X (nTaps × dims) | Xi (dims)]
  private readonly y: Float64Array;
  private readonly x: Float64Array;
  private readonly xi: Float64Array;

  constructor(
    private readonly nTaps: number,
    private readonly n0: number,
    private readonly ndiff: number,
    readonly dims: number,
    readonly state: Float64Array,
  ) {
    this.y = state.subarray(0, dims);
    this.x = state.subarray(dims, dims + nTaps * dims);
    this.xi = state.subarray(dims + nTaps * dims, dims * (nTaps + 2));
  }

  step(input: Float64Array, output: Float64Array): void {
    const { y, x, xi, nTaps, n0, ndiff, dims } = this;
    for (let j = 0; j < dims; j++) {
      const u = f64At(input, j);
      let sum = 0;
      for (let i = 0; i < nTaps; i++) sum += f64At(x, i * dims + j);
      const v = f64At(y, j) + n0 * u - sum;
      y[j] = v;
      const pos = (f64At(xi, j) + 1) % nTaps;
      xi[j] = pos;
      x[pos * dims + j] = ndiff * u;
      output[j] = v;
    }
  }

  reset(y0?: ArrayLike<number>): void {
    this.state.fill(0);
    const y = initialOutput("Triangle", y0, this.dims);
    if (y === null) return;
    for (let j = 0; j < this.dims; j++) {
      const v = y(j);
      if (!Number.isFinite(v)) {
        throw new ValidationError({ object: "Triangle", attr: "y0", message: `must be finite (got ${v})` });
      }
      this.y[j] = v;
      for (let i = 0; i < this.nTaps; i++) this.x[i * this.dims + j] = this.ndiff * v;
    }
  }
}
