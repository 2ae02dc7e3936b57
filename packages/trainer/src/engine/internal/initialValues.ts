// The initial values of the learnable parameters: what the simulator's build of the same network
// gives (encoders, gain, bias, decoded weights), so that training starts where the simulator runs.
import { BuildError, Distribution, toShaped, type Connection, type Ensemble, type Network, type NumericLike } from "@plexus/core";

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
  /** Initial neuron state per ensemble (state variable → one value per neuron), where the build drew one. */
  readonly initialStates?: ReadonlyMap<Ensemble, Readonly<Record<string, Float64Array>>>;
}

function arrayParam(ens: Ensemble, attr: "encoders" | "gain" | "bias" | "maxRates" | "intercepts", value: unknown, length: number): Float64Array {
  if (value instanceof Distribution) {
    throw new BuildError(
      `${ens}.${attr}: is a distribution, which only the simulator's build draws; give explicit values or use a build of @plexus/simulator`,
      { label: ens.toString() },
    );
  }
  const s = toShaped(value as NumericLike);
  if (typeof s === "string" || s.data.length !== length) {
    throw new BuildError(`${ens}.${attr}: expected ${length} values (${typeof s === "string" ? s : `got ${s.data.length}`})`, { label: ens.toString() });
  }
  return s.data;
}

/**
 * The parameters as given in the IR, for networks whose ensembles give explicit encoders and
 * gain/bias (or max rates and intercepts). Decoded weights need a decoder solve, which is the
 * simulator's: here they start at zero (set them with `setParameter`).
 * @throws BuildError when an ensemble parameter is a distribution.
 */
export function irInitialValues(net: Network): InitialValues {
  const ensembles = new Map<Ensemble, EnsembleInit>();
  for (const ens of net.all("ensemble")) {
    const n = ens.nNeurons;
    const d = ens.dimensions;
    const encoders = Float64Array.from(arrayParam(ens, "encoders", ens.encoders, n * d));
    if (ens.normalizeEncoders) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += encoders[i * d + k]! ** 2;
        const norm = Math.sqrt(s);
        if (norm > 0) for (let k = 0; k < d; k++) encoders[i * d + k] = encoders[i * d + k]! / norm;
      }
    }
    let gain: Float64Array;
    let bias: Float64Array;
    if (ens.gain !== undefined && ens.bias !== undefined) {
      gain = arrayParam(ens, "gain", ens.gain, n);
      bias = arrayParam(ens, "bias", ens.bias, n);
    } else {
      const gb = ens.neuronType.gainBias(arrayParam(ens, "maxRates", ens.maxRates, n), arrayParam(ens, "intercepts", ens.intercepts, n));
      gain = Float64Array.from(gb.gain);
      bias = Float64Array.from(gb.bias);
    }
    ensembles.set(ens, { encoders, gain, bias });
  }
  const decoded = new Map<Connection, Float64Array>();
  for (const conn of net.all("connection")) {
    if (conn.decoded) decoded.set(conn, new Float64Array(conn.postSize * (conn.pre as Ensemble).nNeurons));
  }
  return { ensembles, decoded };
}
