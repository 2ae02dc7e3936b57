import { type Issue, ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { elemAt } from "../internal/checked.js";
import { maxOf } from "../internal/linalg/dense.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import { checkSystem, nonNegative } from "./internal/checkSystem.js";
import { choleskyL2 } from "./internal/choleskyL2.js";
import { type SolveResult, Solver } from "./Solver.js";

/** Options of `LstsqL2`. */
export interface LstsqL2Options {
  /** Regularisation, as a fraction of the largest activity (default 0.1). */
  readonly reg?: number;
  /** Solve for full weight matrices (default false). */
  readonly weights?: boolean;
}

/**
 * Least squares with L2 regularisation (Nengo's `LstsqL2`, the default decoder solver), solved by
 * Cholesky factorisation exactly as Nengo 4.1 does it: σ = reg · max(A) (the largest entry of the
 * whole matrix); with m eval points and n neurons it solves (AᵀA + m·σ²·I) X = AᵀY when m ≥ n,
 * and X = Aᵀ(AAᵀ + m·σ²·I)⁻¹Y when m < n. `info.sigma` is σ.
 *
 * Large systems (m·n² ≥ 2·10⁶) run on a WebAssembly SIMD engine, which also uses helper worker
 * threads on shared memory for very large ones (m·n² ≥ 2·10⁹, where `node:worker_threads` is
 * available); it agrees with the plain-JS path to rounding and gives the same bits on every
 * platform, with or without threads and SharedArrayBuffer (and, slower, without WebAssembly). Neurons that are silent at every eval point get decoders of exactly 0 (and are left
 * out of the Gram matrix). `solveMany` forms and factors the Gram matrix once for several targets:
 * use it when the same activities are solved more than once.
 */
export class LstsqL2 extends Solver {
  get kind(): string {
    return "LstsqL2";
  }
  override readonly weights: boolean;
  /** Regularisation, as a fraction of the largest activity. */
  readonly reg: number;

  /** @throws ValidationError when reg is negative or not finite. */
  constructor(options: LstsqL2Options = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.reg = opts.reg ?? 0.1;
    this.weights = opts.weights ?? false;
    const issues: Issue[] = [];
    nonNegative(this.kind, "reg", this.reg, issues);
    if (issues.length > 0) throw new ValidationError(issues);
    if (new.target === LstsqL2) freezeParameters(this);
  }

  solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, rng?: Rng): SolveResult {
    return elemAt(this.solveMany(A, [Y], m, n, [d], rng), 0);
  }

  override solveMany(A: Float64Array, Ys: readonly Float64Array[], m: number, n: number, ds: readonly number[], _rng?: Rng): SolveResult[] {
    checkSystem(this.kind, A, Ys, m, n, ds);
    if (Ys.length === 0) return [];
    const sigma = this.sigma(A, m, n);
    const transpose = typeof sigma === "number" && m < n;
    const { decoders, rmses } = choleskyL2(this.kind, A, m, n, Ys, ds, sigma, transpose);
    return decoders.map((X, t) => ({ decoders: X, rmses: elemAt(rmses, t), info: { sigma } }));
  }

  /** The regularisation σ for these activities (one number, or one per neuron). */
  protected sigma(A: Float64Array, _m: number, _n: number): number | Float64Array {
    return this.reg * maxOf(A);
  }
}
