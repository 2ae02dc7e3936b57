import { type Issue, ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { rmses } from "../internal/linalg/dense.js";
import { lstsqSvd } from "../internal/linalg/lstsqSvd.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import { checkSystem, nonNegative } from "./internal/checkSystem.js";
import { type SolveResult, Solver } from "./Solver.js";

/** Options of `Lstsq`. */
export interface LstsqOptions {
  /** Cut-off ratio for small singular values (default 0.01). */
  readonly rcond?: number;
  /** Solve for full weight matrices (default false). */
  readonly weights?: boolean;
}

/**
 * Unregularised least squares (Nengo's `Lstsq`, i.e. `numpy.linalg.lstsq(A, Y, rcond)`): the
 * minimum-norm solution through the singular value decomposition, with singular values at or
 * below rcond · σ_max dropped. `info.rank` is the number kept, `info.singularValues` all
 * min(m, n) of them (descending), `info.residuals` the 2-norm of each target's residual when A has
 * full column rank and m > n (else empty, as numpy gives it).
 */
export class Lstsq extends Solver {
  readonly kind: string = "Lstsq";
  override readonly weights: boolean;
  /** Cut-off ratio for small singular values. */
  readonly rcond: number;

  /** @throws ValidationError when rcond is negative or not finite. */
  constructor(options: LstsqOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.rcond = opts.rcond ?? 0.01;
    this.weights = opts.weights ?? false;
    const issues: Issue[] = [];
    nonNegative("Lstsq", "rcond", this.rcond, issues);
    if (issues.length > 0) throw new ValidationError(issues);
    if (new.target === Lstsq) freezeParameters(this);
  }

  solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, _rng?: Rng): SolveResult {
    checkSystem(this.kind, A, [Y], m, n, [d]);
    const { s, solve } = lstsqSvd(A, m, n);
    const k = s.length;
    const cutoff = this.rcond * (k > 0 ? f64At(s, 0) : 0);
    let rank = 0;
    while (rank < k && f64At(s, rank) > cutoff) rank++;
    const X = solve(Y, d, rank);

    const errors = rmses(A, X, Y, m, n, d);
    // numpy reports residuals only for full-rank, overdetermined systems.
    const residuals = rank === n && m > n ? errors.map((e) => e * Math.sqrt(m)) : new Float64Array(0);
    return { decoders: X, rmses: errors, info: { rank, singularValues: s, residuals } };
  }
}
