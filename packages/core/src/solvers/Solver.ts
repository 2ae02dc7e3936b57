import { FrozenObject } from "../FrozenObject.js";
import { numAt } from "../internal/checked.js";
import type { Rng } from "../Rng.js";

/** What a decoder solve produced. */
export interface SolveResult {
  /** Decoders, `nNeurons × nTargets` row-major (A · X ≈ Y). */
  readonly decoders: Float64Array;
  /** RMS error per target on the solve's own points. */
  readonly rmses: Float64Array;
  /** Solver-specific facts (e.g. `sigma`, `rank`, `singularValues`). */
  readonly info: Readonly<Record<string, number | Float64Array>>;
}

/**
 * A decoder solver (Nengo's `nengo.solvers`). `solve(A, Y, m, n, d)` takes activities `A`
 * (`m` eval points × `n` neurons) and targets `Y` (`m × d`), both row-major Float64Arrays, and
 * returns decoders `n × d`.
 */
export abstract class Solver extends FrozenObject {
  protected override get frozenFamily(): string {
    return "a solver";
  }

  abstract readonly kind: string;
  /** True when the solver produces full weight matrices (Nengo's `weights=True`). */
  readonly weights: boolean = false;

  /**
   * True when solving for weights is solving for decoders, then multiplying by the transform and
   * the post encoders (Nengo's `compositional`). A weight solver that is not (`LstsqDrop`, the
   * `Nnls` family) is given the encoded targets and solves for the whole weight matrix.
   */
  get compositional(): boolean {
    return true;
  }

  /**
   * Solves A·X ≈ Y. Neither `A` nor `Y` is modified.
   * @param rng - the generator for solvers that draw noise (`LstsqNoise`, `LstsqMultNoise`);
   *   others ignore it.
   * @throws ValidationError when the array lengths do not match `m`, `n` and `d`.
   * @throws BuildError when the system cannot be solved (e.g. not positive definite).
   */
  abstract solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number, rng?: Rng): SolveResult;

  /**
   * Solves several targets against the same activities: `Ys[t]` is `m × ds[t]`, and result `t` is
   * what `solve(A, Ys[t], m, n, ds[t])` returns. Solvers that factor a Gram matrix (`LstsqL2`,
   * `LstsqL2nz`) form and factor it once for all targets; the default solves them one by one.
   */
  solveMany(A: Float64Array, Ys: readonly Float64Array[], m: number, n: number, ds: readonly number[], rng?: Rng): SolveResult[] {
    return Ys.map((Y, t) => this.solve(A, Y, m, n, numAt(ds, t), rng));
  }
}
