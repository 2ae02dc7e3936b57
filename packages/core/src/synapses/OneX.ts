import { f64At } from "../internal/checked.js";
import { checkDims, checkFilterShape, initialOutput, stateBuffer } from "./checkDt.js";
import type { DiscreteFilter, FilterStepper } from "./Synapse.js";

/**
 * Nengo's `LinearFilter.OneX` (and `OneXScalar`) step: one state and no passthrough,
 * `x[k] = a x[k-1] + b u[k]`, `y[k] = x[k]` with `a = A` and `b = C·B` (C folded into the input
 * gain, so the state is the output). The step of Lowpass.
 */
export class OneX implements FilterStepper {
  readonly dims: number;
  readonly state: Float64Array;
  /** Nengo's name of this step: `OneXScalar` for one channel, else `OneX`. */
  readonly stepClass: "OneX" | "OneXScalar";
  private readonly a: number;
  private readonly b: number;

  static check(filter: DiscreteFilter): boolean {
    return filter.order === 1 && filter.d === 0;
  }

  constructor(filter: DiscreteFilter, dims: number, state?: Float64Array) {
    checkDims("OneX", dims);
    checkFilterShape("OneX", filter);
    this.dims = dims;
    this.stepClass = dims === 1 ? "OneXScalar" : "OneX";
    this.a = f64At(filter.a, 0);
    this.b = f64At(filter.c, 0) * f64At(filter.b, 0);
    this.state = stateBuffer("OneX", dims, state);
  }

  step(input: Float64Array, output: Float64Array): void {
    const x = this.state;
    const a = this.a;
    const b = this.b;
    const n = this.dims;
    for (let j = 0; j < n; j++) {
      const v = a * f64At(x, j) + b * f64At(input, j);
      x[j] = v;
      output[j] = v;
    }
  }

  reset(y0?: ArrayLike<number>): void {
    const y = initialOutput("OneX", y0, this.dims);
    if (y === null) {
      this.state.fill(0);
      return;
    }
    const gain = this.b / (1 - this.a);
    for (let j = 0; j < this.dims; j++) this.state[j] = gain * y(j);
  }
}
