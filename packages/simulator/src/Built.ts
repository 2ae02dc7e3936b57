import type { Connection, Ensemble, Probe, Shaped } from "@plexus/core";

/**
 * What a build computed for an ensemble (Nengo's `BuiltEnsemble`). Arrays are row-major copies;
 * changing them does not change a plan.
 */
export interface BuiltEnsemble {
  readonly nNeurons: number;
  readonly dimensions: number;
  readonly radius: number;
  /** Unit-length encoders (when `normalizeEncoders`), `nNeurons × dimensions`. */
  readonly encoders: Float64Array;
  /** `encoders · gain / radius`, `nNeurons × dimensions`: what multiplies the decoded input. */
  readonly scaledEncoders: Float64Array;
  readonly gain: Float64Array;
  readonly bias: Float64Array;
  /** Evaluation points, scaled by the radius, `nEvalPoints × dimensions`. */
  readonly evalPoints: Float64Array;
  readonly nEvalPoints: number;
  /** Max rates (Hz), drawn or recomputed from gain and bias. */
  readonly maxRates?: Float64Array;
  readonly intercepts?: Float64Array;
  /** The initial value of each neuron state variable (one entry per neuron). */
  readonly initialState: Readonly<Record<string, Float64Array>>;
}

/** The decoder solve of a connection (or decoded probe). */
export interface SolverInfo {
  /** RMS error per target on the solve's points. */
  readonly rmses: Float64Array;
  /** Solver-specific facts (e.g. `sigma`). */
  readonly info: Readonly<Record<string, number | Float64Array>>;
}

/** What a build computed for a connection (Nengo's `BuiltConnection`). */
export interface BuiltConnection {
  /**
   * What multiplies the connection's input each step, with the shape of `weightsShape`: for a
   * decoded connection `transform · decodersᵀ`, `[postSize, nNeurons]` (with a weight solver,
   * `[postNeurons, preNeurons]`); otherwise the transform as given (`[]` scalar, `[n]`
   * elementwise, `[post, pre]` matrix), a Sparse transform's values (`[nnz]`, see
   * `sparseIndices`) or a convolution's kernel (shape `kernelSize + [inChannels/groups, nFilters]`).
   */
  readonly weights: Float64Array;
  readonly weightsShape: readonly number[];
  /** The same weights as a dense `rows × cols` matrix (a scalar or vector becomes a diagonal). */
  readonly denseWeights: Float64Array;
  readonly denseShape: readonly [number, number];
  /** Solved decoders, `nNeurons × sizeMid` (decoded connections only). */
  readonly decoders?: Float64Array;
  /** The transform as given (for a Sparse or convolution transform: its values, as `weights`). */
  readonly transform: Shaped;
  /** For a Sparse transform: the row and column of each value of `weights` (COO). */
  readonly sparseIndices?: { readonly rows: Int32Array; readonly cols: Int32Array };
  /** The eval points of the solve (decoded connections with a solve). */
  readonly evalPoints?: Float64Array;
  readonly solverInfo?: SolverInfo;
}

/** Everything a build computed, by IR object. */
export interface BuiltModel {
  /** Non-Direct ensembles. */
  readonly ensembles: ReadonlyMap<Ensemble, BuiltEnsemble>;
  readonly connections: ReadonlyMap<Connection, BuiltConnection>;
  /** Decoded probes of ensembles (built as a hidden connection, as Nengo does). */
  readonly probes: ReadonlyMap<Probe, BuiltConnection>;
}
