// Initial values from the simulator's build of the same network (Nengo's LstsqL2 decoder solves,
// drawn encoders, gains and biases, initial neuron states), read through the shape of
// `plan.built` (`BuiltModel` of @plexus/simulator).
import type { Connection, Ensemble, Network } from "@plexus/core";
import * as simulator from "@plexus/simulator";
import type { EnsembleInit, InitialValues } from "./initialValues.js";

interface BuiltEnsembleLike {
  readonly encoders: Float64Array;
  readonly gain: Float64Array;
  readonly bias: Float64Array;
  readonly initialState?: Readonly<Record<string, Float64Array>>;
}

interface BuiltLike {
  readonly ensembles: ReadonlyMap<Ensemble, BuiltEnsembleLike>;
  readonly connections: ReadonlyMap<Connection, { readonly weights: Float64Array }>;
}

type BuildFn = (net: Network, options: { readonly dt: number; readonly seed?: number }) => { readonly built: BuiltLike };

/** The simulator's `build`, when this version of @plexus/simulator has one. */
function simulatorBuild(): BuildFn | null {
  const build = (simulator as unknown as Record<string, unknown>)["build"];
  return typeof build === "function" ? (build as BuildFn) : null;
}

/** Whether initial values can come from the simulator's build. */
export function hasSimulatorBuild(): boolean {
  return simulatorBuild() !== null;
}

/**
 * The built parameters of `net` (dt in seconds), or null when the simulator has no build.
 * @throws what the build throws (ValidationError, BuildError).
 */
export function simulatorInitialValues(net: Network, dt: number, seed: number | undefined): InitialValues | null {
  const build = simulatorBuild();
  if (build === null) return null;
  const plan = build(net, seed === undefined ? { dt } : { dt, seed });
  const ensembles = new Map<Ensemble, EnsembleInit>();
  const initialStates = new Map<Ensemble, Readonly<Record<string, Float64Array>>>();
  for (const [ens, b] of plan.built.ensembles) {
    ensembles.set(ens, { encoders: b.encoders, gain: b.gain, bias: b.bias });
    if (b.initialState !== undefined) initialStates.set(ens, b.initialState);
  }
  const decoded = new Map<Connection, Float64Array>();
  for (const [conn, b] of plan.built.connections) if (conn.decoded) decoded.set(conn, b.weights);
  return { ensembles, decoded, initialStates };
}
