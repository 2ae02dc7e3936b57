import { BuildError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { column, rmses } from "../internal/linalg/dense.js";
import { nnls } from "../internal/linalg/nnls.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import { checkSystem } from "./internal/checkSystem.js";
import { type SolveResult, Solver } from "./Solver.js";

/** Options of `Nnls`. */
export interface NnlsOptions {
  /** Solve for full weight matrices (default false). */
  readonly weights?: boolean;
}

/**
 * Non-negative least squares without regularisation (Nengo's `Nnls`): each target column solved
 * by `scipy.optimize.nnls(A, Y[:, j])` (Lawson–Hanson, reproduced step for step), so X ≥ 0.
 * `info.residuals` holds ‖A x_j − y_j‖₂ per target.
 */
export class Nnls extends Solver {
  readonly kind: string = "Nnls";

  /** False: with `weights: true` it solves for the whole weight matrix (Nengo's non-compositional solvers). */
  override get compositional(): boolean {
    return false;
  }

  override readonly weights: boolean;

  constructor(options: NnlsOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.weights = opts.weights ?? false;
    if (new.target === Nnls) freezeParameters(this);
  }

  solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, _rng?: Rng): SolveResult {
    checkSystem(this.kind, A, [Y], m, n, [d]);
    const { X, residuals } = nnlsColumns(this.kind, A, m, n, (c) => column(Y, m, d, c), d);
    return { decoders: X, rmses: rmses(A, X, Y, m, n, d), info: { residuals } };
  }
}

/** Runs NNLS of the rows × n matrix M against `rhs(c)` for each of d columns. */
export function nnlsColumns(
  kind: string,
  M: Float64Array,
  rows: number,
  n: number,
  rhs: (c: number) => Float64Array,
  d: number,
): { X: Float64Array; residuals: Float64Array } {
  const X = new Float64Array(n * d);
  const residuals = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    const r = nnls(M, rows, n, rhs(c));
    if (!r.converged) {
      throw new BuildError(`${kind}: NNLS reached its iteration limit (3·n = ${3 * n}) on target column ${c}`, { label: kind });
    }
    for (let i = 0; i < n; i++) X[i * d + c] = f64At(r.x, i);
    residuals[c] = r.rnorm;
  }
  return { X, residuals };
}
