import { f64At } from "../internal/checked.js";
import { checkDims, checkFilterShape, initialOutput, stateBuffer } from "./checkDt.js";
import type { DiscreteFilter, FilterStepper } from "./Synapse.js";
import { steadyStatePerUnitOutput } from "./steadyState.js";

/**
 * Nengo's `LinearFilter.General` step, for any filter with state and a passthrough:
 * `y[k] = C x[k] + D u[k]`, then `x[k+1] = A x[k] + B u[k]`. State layout: `order × dims`,
 * row-major (state i of channel j at i·dims + j).
 */
export class General implements FilterStepper {
  readonly dims: number;
  readonly state: Float64Array;
  /** Nengo's name of this step. */
  readonly stepClass = "General";
  private readonly filter: DiscreteFilter;
  private readonly scratch: Float64Array;

  static check(filter: DiscreteFilter): boolean {
    return filter.order >= 1;
  }

  constructor(filter: DiscreteFilter, dims: number, state?: Float64Array) {
    checkDims("General", dims);
    checkFilterShape("General", filter);
    this.dims = dims;
    this.filter = filter;
    this.scratch = new Float64Array(filter.order);
    this.state = stateBuffer("General", filter.order * dims, state);
  }

  step(input: Float64Array, output: Float64Array): void {
    const { a, b, c, d, order: n } = this.filter;
    const x = this.state;
    const tmp = this.scratch;
    const dims = this.dims;
    for (let j = 0; j < dims; j++) {
      const u = f64At(input, j);
      let y = 0;
      for (let i = 0; i < n; i++) y += f64At(c, i) * f64At(x, i * dims + j);
      output[j] = y + d * u;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += f64At(a, i * n + k) * f64At(x, k * dims + j);
        tmp[i] = s + f64At(b, i) * u;
      }
      for (let i = 0; i < n; i++) x[i * dims + j] = f64At(tmp, i);
    }
  }

  reset(y0?: ArrayLike<number>): void {
    const y = initialOutput("General", y0, this.dims);
    if (y === null) {
      this.state.fill(0);
      return;
    }
    const unit = steadyStatePerUnitOutput("General", this.filter);
    for (let i = 0; i < this.filter.order; i++) {
      for (let j = 0; j < this.dims; j++) this.state[i * this.dims + j] = f64At(unit, i) * y(j);
    }
  }
}
