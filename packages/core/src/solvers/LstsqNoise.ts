import { type Issue, ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { elemAt, f64At } from "../internal/checked.js";
import { maxAbsOf } from "../internal/linalg/dense.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import { checkSystem, nonNegative } from "./internal/checkSystem.js";
import { choleskyL2 } from "./internal/choleskyL2.js";
import { type SolveResult, Solver } from "./Solver.js";

/** Options of `LstsqNoise` and `LstsqMultNoise`. */
export interface LstsqNoiseOptions {
  /** Amount of noise, as a fraction of the neuron activity (default 0.1). */
  readonly noise?: number;
  /** Solve for full weight matrices (default false). */
  readonly weights?: boolean;
}

/**
 * Least squares with additive Gaussian white noise (Nengo's `LstsqNoise`): A + N(0, σ²) with
 * σ = noise · max|A|, drawn from the `rng` passed to `solve` in row-major order, then solved by
 * unregularised Cholesky (the transposed form when m < n). `rmses` are measured on the noisy
 * activities, as Nengo reports them.
 */
export class LstsqNoise extends Solver {
  override readonly weights: boolean;
  /** Amount of noise, as a fraction of the neuron activity. */
  readonly noise: number;

  get kind(): string {
    return "LstsqNoise";
  }

  /** @throws ValidationError when noise is negative or not finite. */
  constructor(options: LstsqNoiseOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.noise = opts.noise ?? 0.1;
    this.weights = opts.weights ?? false;
    const issues: Issue[] = [];
    nonNegative(this.kind, "noise", this.noise, issues);
    if (issues.length > 0) throw new ValidationError(issues);
    if (new.target === LstsqNoise) freezeParameters(this);
  }

  /** @throws ValidationError when no `rng` is given. */
  solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, rng?: Rng): SolveResult {
    checkSystem(this.kind, A, [Y], m, n, [d]);
    if (rng === undefined) {
      throw new ValidationError({ object: this.kind, attr: "rng", message: "needs a seeded Rng to draw its noise (pass it to solve)" });
    }
    const noisy = this.perturb(A, rng);
    const { decoders, rmses } = choleskyL2(this.kind, noisy, m, n, [Y], [d], 0, m < n);
    return { decoders: elemAt(decoders, 0), rmses: elemAt(rmses, 0), info: {} };
  }

  /** A copy of A with the noise added. */
  protected perturb(A: Float64Array, rng: Rng): Float64Array {
    const sigma = this.noise * maxAbsOf(A);
    const out = new Float64Array(A.length);
    for (let i = 0; i < A.length; i++) out[i] = f64At(A, i) + rng.normal(0, sigma);
    return out;
  }
}
