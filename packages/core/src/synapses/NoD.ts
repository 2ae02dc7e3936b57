import { f64At } from "../internal/checked.js";
import { checkDims, checkFilterShape, initialOutput, stateBuffer } from "./checkDt.js";
import type { DiscreteFilter, FilterStepper } from "./Synapse.js";
import { steadyStatePerUnitOutput } from "./steadyState.js";

/**
 * Nengo's `LinearFilter.NoD` step: several states and no passthrough,
 * `x[k] = A x[k-1] + B u[k]`, `y[k] = C x[k]` (the input is advanced one step, so the filter adds
 * no delay of its own). State layout: `order × dims`, row-major (state i of channel j at i·dims + j).
 */
export class NoD implements FilterStepper {
  readonly dims: number;
  readonly state: Float64Array;
  /** Nengo's name of this step. */
  readonly stepClass = "NoD";
  private readonly filter: DiscreteFilter;
  private readonly scratch: Float64Array;

  static check(filter: DiscreteFilter): boolean {
    return filter.order >= 1 && filter.d === 0;
  }

  constructor(filter: DiscreteFilter, dims: number, state?: Float64Array) {
    checkDims("NoD", dims);
    checkFilterShape("NoD", filter);
    this.dims = dims;
    this.filter = filter;
    this.scratch = new Float64Array(filter.order);
    this.state = stateBuffer("NoD", filter.order * dims, state);
  }

  step(input: Float64Array, output: Float64Array): void {
    const { a, b, c, order: n } = this.filter;
    const x = this.state;
    const tmp = this.scratch;
    const dims = this.dims;
    for (let j = 0; j < dims; j++) {
      const u = f64At(input, j);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += f64At(a, i * n + k) * f64At(x, k * dims + j);
        tmp[i] = s + f64At(b, i) * u;
      }
      let y = 0;
      for (let i = 0; i < n; i++) {
        const v = f64At(tmp, i);
        x[i * dims + j] = v;
        y += f64At(c, i) * v;
      }
      output[j] = y;
    }
  }

  reset(y0?: ArrayLike<number>): void {
    const y = initialOutput("NoD", y0, this.dims);
    if (y === null) {
      this.state.fill(0);
      return;
    }
    const unit = steadyStatePerUnitOutput("NoD", this.filter);
    for (let i = 0; i < this.filter.order; i++) {
      for (let j = 0; j < this.dims; j++) this.state[i * this.dims + j] = f64At(unit, i) * y(j);
    }
  }
}
