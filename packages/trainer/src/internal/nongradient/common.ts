// Helpers shared by the non-gradient trainers (least squares, PES, CMA-ES).
import { type Connection, type Ensemble, type Network, type OutPort, parameterName, TrainingError } from "@plexus/core";
import type { BatchData } from "../../engine/CompiledModel.js";
import { TrainedSubnetwork } from "../../TrainedSubnetwork.js";
import { type FrozenParameter, type Interior, interiorOf } from "../interior.js";
import { normalizeData } from "../normalizeData.js";
import { shown } from "../optionsArgument.js";
import { portLoss } from "../portLoss.js";
import { runFrozen } from "../runFrozen.js";

/** Makes the TrainingError of bad data, labelled with the port (`in.u`, `out.y`). */
export const trainingError = (message: string, label: string): Error => new TrainingError(message, { label });

/** Checks a trainer option: a number of seconds > 0, an integer seed. */
export function checkDtSeed(where: string, dt: number, seed: number | undefined): void {
  if (!(Number.isFinite(dt) && dt > 0)) throw new TrainingError(`${where}.dt: must be a number of seconds > 0 (got ${shown(dt)})`, { label: where });
  if (seed !== undefined && !Number.isInteger(seed)) throw new TrainingError(`${where}.seed: must be an integer (got ${shown(seed)})`, { label: where });
}

/** The seed of the deployed build: the network's own, else the trainer's, else 0 (as `build` and `freeze`). */
export function buildSeed(net: Network, seed: number | undefined): number {
  return net.seed ?? seed ?? 0;
}

/** A connection into an output port of `net` whose weights are decoders (pre: an ensemble with neurons). */
export interface PortConnection {
  readonly connection: Connection;
  readonly port: OutPort;
  readonly pre: Ensemble;
  /** `parameterName(connection, "weights", net)`. */
  readonly name: string;
  /** Rows of the weights (the transform's output size, = `postSize`). */
  readonly rows: number;
  /** Port dimension of each row (the post slice, or 0, 1, ...). */
  readonly portDims: Int32Array;
}

/**
 * The trainable decoded connections into `net`'s own output ports (in the order `net.all`
 * lists connections), optionally only those into `ports`.
 */
export function decodedPortConnections(net: Network, ports?: ReadonlySet<string>): PortConnection[] {
  const out: PortConnection[] = [];
  for (const c of net.all("connection")) {
    if (c.post.kind !== "outPort" || c.post.network !== net) continue;
    if (c.pre.kind !== "ensemble" || c.pre.neuronType.kind === "Direct") continue;
    if (ports !== undefined && !ports.has(c.post.name)) continue;
    if (!(c.owner ?? net).config.isTrainable(c)) continue;
    const rows = c.postSize;
    out.push({
      connection: c,
      port: c.post,
      pre: c.pre,
      name: parameterName(c, "weights", net),
      rows,
      portDims: c.postSlice === null ? Int32Array.from({ length: rows }, (_, i) => i) : Int32Array.from(c.postSlice),
    });
  }
  return out;
}

/** A parameter set as the interior keeps it. */
export function frozenParameters(
  values: ReadonlyMap<string, { readonly shape: readonly number[]; readonly values: Float64Array }>,
): Map<string, FrozenParameter> {
  const out = new Map<string, FrozenParameter>();
  for (const [name, p] of values) out.set(name, { shape: p.shape, values: p.values, trainable: true });
  return out;
}

/**
 * The loss of `net` with `parameters` overridden, run by the simulator through its ports on
 * `data` (every example from a reset simulator): the same computation as `freeze`'s deployedLoss.
 */
export function simulatorLoss(net: Network, parameters: ReadonlyMap<string, FrozenParameter>, data: BatchData, dt: number, seed: number): number {
  const interior: Interior = { network: net, parameters, dt, seed };
  return portLoss(runFrozen(interior, data.inputs, data.batchSize, data.steps), data.targets);
}

/**
 * The simulator loss of a trained subnetwork (its frozen parameters, dt and seed) or of a
 * network (built with `dt` and `seed`) on `data`: what every non-gradient trainer's `evaluate`
 * returns. For a trained subnetwork it is computed exactly as its `report.deployedLoss`.
 * @throws TrainingError for bad data.
 */
export function evaluateOnSimulator(target: TrainedSubnetwork | Network, data: unknown, dt: number, seed: number | undefined): number {
  if (target instanceof TrainedSubnetwork) {
    const interior = interiorOf(target);
    const batch = normalizeData(interior.network, data, trainingError);
    return portLoss(runFrozen(interior, batch.inputs, batch.batchSize, batch.steps), batch.targets);
  }
  const batch = normalizeData(target, data, trainingError);
  return simulatorLoss(target, new Map(), batch, dt, buildSeed(target, seed));
}

/** Whether `data` is `{ inputs: {}, targets: {} }` (or has no port data at all). */
export function isEmptyData(data: unknown): boolean {
  if (typeof data !== "object" || data === null) return false;
  const d = data as { inputs?: unknown; targets?: unknown };
  const empty = (g: unknown): boolean =>
    g === undefined || (typeof g === "object" && g !== null && !Array.isArray(g) && Object.values(g).every((v) => v === undefined));
  return empty(d.inputs) && empty(d.targets);
}

/** Throws the TrainingError of an aborted signal. */
export function checkAborted(signal: AbortSignal | undefined, net: Network, what: string): void {
  if (signal?.aborted === true) throw new TrainingError(`${net}: training was aborted ${what}`, { label: "signal", cause: signal.reason });
}
