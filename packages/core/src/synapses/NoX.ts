import { f64At } from "../internal/checked.js";
import { checkDims } from "./checkDt.js";
import type { DiscreteFilter, FilterStepper } from "./Synapse.js";

/**
 * Nengo's `LinearFilter.NoX` step: a filter without state (a pure gain, e.g. Lowpass(0)),
 * `y = D u`.
 */
export class NoX implements FilterStepper {
  readonly dims: number;
  readonly state: Float64Array;
  /** Nengo's name of this step. */
  readonly stepClass = "NoX";
  private readonly d: number;

  static check(filter: DiscreteFilter): boolean {
    return filter.order === 0;
  }

  constructor(filter: DiscreteFilter, dims: number, state?: Float64Array) {
    checkDims("NoX", dims);
    this.dims = dims;
    this.d = filter.d;
    this.state = state ?? new Float64Array(0);
  }

  step(input: Float64Array, output: Float64Array): void {
    const d = this.d;
    for (let j = 0; j < this.dims; j++) output[j] = d * f64At(input, j);
  }

  reset(): void {
    // no state
  }
}
