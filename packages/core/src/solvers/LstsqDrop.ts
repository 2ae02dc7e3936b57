import { BuildError, type Issue, ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { column, rmses, selectColumns } from "../internal/linalg/dense.js";
import { optionsObject } from "../internal/optionsObject.js";
import { roundHalfEven } from "../internal/roundHalfEven.js";
import type { Rng } from "../Rng.js";
import { checkSystem } from "./internal/checkSystem.js";
import { LstsqL2 } from "./LstsqL2.js";
import { type SolveResult, Solver } from "./Solver.js";

/** Options of `LstsqDrop`. */
export interface LstsqDropOptions {
  /** Fraction of decoders (or weights) to set to zero, in [0, 1] (default 0.25). */
  readonly drop?: number;
  /** Solver for the first decoders (default LstsqL2({ reg: 0.001 })). */
  readonly solver1?: Solver;
  /** Solver that re-solves each target on its remaining neurons (default LstsqL2({ reg: 0.1 })). */
  readonly solver2?: Solver;
  /** Solve for full weight matrices (default false). */
  readonly weights?: boolean;
}

/**
 * Sparser decoders by dropping small values (Nengo's `LstsqDrop`): solve with `solver1`, zero
 * every coefficient whose magnitude is below the sorted |X| entry at index round(drop · size)
 * (rounding half to even, as numpy does), then re-solve each target column with `solver2` using
 * only the neurons left non-zero. `info.rmses0` are the first solve's errors.
 */
export class LstsqDrop extends Solver {
  readonly kind: string = "LstsqDrop";
  override readonly weights: boolean;
  /** Fraction of decoders (or weights) to set to zero. */
  readonly drop: number;
  readonly solver1: Solver;
  readonly solver2: Solver;

  /** False: with `weights: true` it solves for the whole weight matrix (Nengo's non-compositional solvers). */
  override get compositional(): boolean {
    return false;
  }

  /** @throws ValidationError when drop is outside [0, 1]. */
  constructor(options: LstsqDropOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.drop = opts.drop ?? 0.25;
    this.solver1 = opts.solver1 ?? new LstsqL2({ reg: 0.001 });
    this.solver2 = opts.solver2 ?? new LstsqL2({ reg: 0.1 });
    this.weights = opts.weights ?? false;
    const issues: Issue[] = [];
    if (!(this.drop >= 0 && this.drop <= 1)) {
      issues.push({ object: "LstsqDrop", attr: "drop", message: `must be in [0, 1] (got ${this.drop})` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    if (new.target === LstsqDrop) freezeParameters(this);
  }

  /** @throws BuildError when drop rounds to every coefficient (nothing would be kept). */
  solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, rng?: Rng): SolveResult {
    checkSystem(this.kind, A, [Y], m, n, [d]);
    const first = this.solver1.solve(A, Y, m, n, d, rng);
    const X = Float64Array.from(first.decoders);
    const sorted = X.map(Math.abs).sort();
    const index = roundHalfEven(this.drop * sorted.length);
    if (index >= sorted.length) {
      throw new BuildError(`LstsqDrop.drop: ${this.drop} drops all ${sorted.length} coefficients; use a smaller drop`, {
        label: this.kind,
      });
    }
    const threshold = f64At(sorted, index);
    for (let i = 0; i < X.length; i++) if (Math.abs(f64At(X, i)) < threshold) X[i] = 0;

    for (let c = 0; c < d; c++) {
      const keep: number[] = [];
      for (let i = 0; i < n; i++) if (X[i * d + c] !== 0) keep.push(i);
      if (keep.length === 0) continue;
      const sub = selectColumns(A, m, n, keep);
      const again = this.solver2.solve(sub, column(Y, m, d, c), m, keep.length, 1, rng);
      keep.forEach((i, k) => {
        X[i * d + c] = f64At(again.decoders, k);
      });
    }
    return { decoders: X, rmses: rmses(A, X, Y, m, n, d), info: { rmses0: first.rmses } };
  }
}
