// The initial values of the learnable parameters: what the simulator's build of the same network
// gives (encoders, gain, bias, decoded weights), so that training starts where the simulator runs.
import type { Connection, Ensemble } from "@plexus/core";

/** Built values of one ensemble: unscaled (unit) encoders `n × d`, gains and biases. */
export interface EnsembleInit {
  readonly encoders: Float64Array;
  readonly gain: Float64Array;
  readonly bias: Float64Array;
}

/** The built parameters of a network, per IR object. */
export interface InitialValues {
  readonly ensembles: ReadonlyMap<Ensemble, EnsembleInit>;
  /** Decoded connections: weights `postSize × nNeurons` (transform folded into the decoders). */
  readonly decoded: ReadonlyMap<Connection, Float64Array>;
  /**
   * The built values of transforms not given as dense numbers (their sampled values: a Sparse
   * transform's stored values, a convolution's kernel, a Dense drawn from a distribution).
   */
  readonly transforms?: ReadonlyMap<Connection, Float64Array>;
  /** Initial neuron state per ensemble (state variable → one value per neuron), where the build drew one. */
  readonly initialStates?: ReadonlyMap<Ensemble, Readonly<Record<string, Float64Array>>>;
}
