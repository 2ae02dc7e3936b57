import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { optionsObject } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { checkSystem } from "./internal/checkSystem.js";
import { type SolveResult, Solver } from "./Solver.js";

/** Options of `NoSolver`. */
export interface NoSolverOptions {
  /** The decoders to use, `nNeurons × sizeOut` row-major (default: all zeros). */
  readonly values?: Float64Array | null;
  /** Use a full weight matrix built from these decoders (default false). */
  readonly weights?: boolean;
}

/**
 * Bypasses the decoder solve with given decoders (Nengo's `NoSolver`): `solve` returns `values`
 * (or zeros of shape n × d) and empty `rmses`, as Nengo reports no errors for it.
 */
export class NoSolver extends Solver {
  readonly kind: string = "NoSolver";
  override readonly weights: boolean;
  readonly values: Float64Array | null;

  /** @throws ValidationError when `values` is not a Float64Array of finite numbers. */
  constructor(options: NoSolverOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    const values: unknown = opts.values ?? null;
    if (values !== null && !(values instanceof Float64Array)) {
      throw new ValidationError({
        object: this.kind,
        attr: "values",
        message: `must be a Float64Array of decoders, nNeurons × sizeOut row-major, or null (got ${showValue(values)})`,
      });
    }
    const bad = values === null ? -1 : values.findIndex((v) => !Number.isFinite(v));
    if (values !== null && bad >= 0) {
      throw new ValidationError({ object: this.kind, attr: "values", message: `must be finite numbers (got ${values[bad]} at index ${bad})` });
    }
    this.values = values;
    this.weights = opts.weights ?? false;
    if (new.target === NoSolver) freezeParameters(this);
  }

  /** @throws ValidationError when `values` does not hold n × d entries. */
  solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, _rng?: Rng): SolveResult {
    checkSystem(this.kind, A, [Y], m, n, [d]);
    if (this.values === null) return { decoders: new Float64Array(n * d), rmses: new Float64Array(0), info: {} };
    if (this.values.length !== n * d) {
      throw new ValidationError({
        object: this.kind,
        attr: "values",
        message: `must hold n·d = ${n}·${d} = ${n * d} decoders (got ${this.values.length})`,
      });
    }
    return { decoders: Float64Array.from(this.values), rmses: new Float64Array(0), info: {} };
  }
}
