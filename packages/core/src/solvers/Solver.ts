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
export abstract class Solver {
  abstract readonly kind: string;
  /** True when the solver produces full weight matrices (Nengo's `weights=True`). */
  readonly weights: boolean = false;
  abstract solve(A: Float64Array, Y: Float64Array, m: number, n: number, d: number): SolveResult;
}
