import { type Issue, ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { gramAtA, matTMul, maxOf, rmses } from "../internal/linalg/dense.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import { checkSystem, nonNegative } from "./internal/checkSystem.js";
import { nnlsColumns } from "./Nnls.js";
import { type SolveResult, Solver } from "./Solver.js";

/** Options of `NnlsL2`. */
export interface NnlsL2Options {
  /** Regularisation, as a fraction of the largest activity (default 0.1). */
  readonly reg?: number;
  /** Solve for full weight matrices (default false). */
  readonly weights?: boolean;
}

/**
 * Non-negative least squares with L2 regularisation (Nengo's `NnlsL2`): σ = reg · max(A),
 * G = AᵀA + m·σ²·I, and each target column solved by NNLS on (G, Aᵀ·max(y_j, 0)); note that the
 * targets are clipped at 0 (Nengo does this), while `rmses` use the unclipped targets.
 * `info.residuals` are NNLS's residual norms on the Gram system, `info.sigma` is σ.
 */
export class NnlsL2 extends Solver {
  override readonly weights: boolean;
  /** Regularisation, as a fraction of the largest activity. */
  readonly reg: number;

  get kind(): string {
    return "NnlsL2";
  }

  /** False: with `weights: true` it solves for the whole weight matrix (Nengo's non-compositional solvers). */
  override get compositional(): boolean {
    return false;
  }

  /** @throws ValidationError when reg is negative or not finite. */
  constructor(options: NnlsL2Options = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.reg = opts.reg ?? 0.1;
    this.weights = opts.weights ?? false;
    const issues: Issue[] = [];
    nonNegative(this.kind, "reg", this.reg, issues);
    if (issues.length > 0) throw new ValidationError(issues);
    if (new.target === NnlsL2) freezeParameters(this);
  }

  solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, _rng?: Rng): SolveResult {
    checkSystem(this.kind, A, [Y], m, n, [d]);
    const sigma = this.sigma(A, m, n);
    const G = gramAtA(A, m, n);
    for (let i = 0; i < n; i++) {
      const s = typeof sigma === "number" ? sigma : f64At(sigma, i);
      G[i * n + i] = f64At(G, i * n + i) + m * s * s;
    }
    const Yplus = Y.map((y) => Math.max(y, 0));
    const GY = matTMul(A, m, n, Yplus, d);
    const rhs = (c: number): Float64Array => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = f64At(GY, i * d + c);
      return out;
    };
    const { X, residuals } = nnlsColumns(this.kind, G, n, n, rhs, d);
    return { decoders: X, rmses: rmses(A, X, Y, m, n, d), info: { residuals, sigma } };
  }

  /** The regularisation σ (one number, or one per neuron). */
  protected sigma(A: Float64Array, _m: number, _n: number): number | Float64Array {
    return this.reg * maxOf(A);
  }
}
