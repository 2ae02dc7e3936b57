// Initial values from the simulator's build of the same network: Nengo's decoder solves, the
// drawn encoders, gains and biases, and the initial neuron states.
import type { Connection, Ensemble, Network } from "@plexus/core";
import { build } from "@plexus/simulator";
import type { EnsembleInit, InitialValues } from "./initialValues.js";

/**
 * The built parameters of `net` (dt in seconds, seed as the simulator takes it).
 * @throws what the build throws (ValidationError, BuildError).
 */
export function simulatorInitialValues(net: Network, dt: number, seed: number | undefined): InitialValues {
  const { built } = build(net, seed === undefined ? { dt } : { dt, seed });
  const ensembles = new Map<Ensemble, EnsembleInit>();
  const initialStates = new Map<Ensemble, Readonly<Record<string, Float64Array>>>();
  for (const [ens, b] of built.ensembles) {
    ensembles.set(ens, { encoders: b.encoders, gain: b.gain, bias: b.bias });
    initialStates.set(ens, b.initialState);
  }
  const decoded = new Map<Connection, Float64Array>();
  const transforms = new Map<Connection, Float64Array>();
  for (const [conn, b] of built.connections) {
    if (conn.decoded) decoded.set(conn, b.weights);
    else if (conn.denseTransform === null) transforms.set(conn, b.weights);
  }
  return { ensembles, decoded, transforms, initialStates };
}
