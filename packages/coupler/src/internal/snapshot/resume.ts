import { CouplingError, SnapshotError } from "@plexus/core";
import type { CoupledProbe } from "../../CouplingResult.js";
import { RunInterruptedError } from "../../RunInterruptedError.js";
import type { HostSnapshot } from "../../remote/protocol.js";
import type { SystemModel } from "../model.js";
import type { UnitPlan } from "../runtime/planUnits.js";
import { decodeSystemSnapshot, encodeSystemSnapshot } from "./systemSnapshot.js";
import { structureDifferences, structureHash, systemStructure } from "./systemStructure.js";

/** What a run does with snapshots: where it starts, and who receives those it takes. */
export interface SnapshotHooks {
  readonly from: HostSnapshot | undefined;
  readonly onSnapshot: ((snapshot: HostSnapshot) => void | Promise<void>) | undefined;
}

/**
 * Reads a coupled snapshot for a run of `steps` base steps of the system (`model`, `plans`):
 * refuses one of another system (naming what differs) or taken after `steps`, copies its probe
 * data into `records`, and returns every unit's state to start the run from.
 * @throws SnapshotError for bytes that are no coupled snapshot, corrupted, of another format
 *   version or of another system, or a run shorter than the snapshot's step
 */
export function resumeRecords(
  bytes: Uint8Array,
  model: SystemModel,
  plans: readonly UnitPlan[],
  steps: number,
  records: readonly CoupledProbe[],
): HostSnapshot {
  const snap = decodeSystemSnapshot(bytes);
  const mine = systemStructure(model, plans);
  const hash = structureHash(mine);
  if (hash !== snap.structureHash) {
    const diffs = structureDifferences(snap.structure, mine);
    throw new SnapshotError(
      `Coupled snapshot: it was taken of another system (${diffs.length === 0 ? "a detail of its structure differs" : diffs.join("; ")}; structure hash ${snap.structureHash} in the snapshot, ${hash} here); resume it with the system it was taken of`,
      { label: diffs[0] },
    );
  }
  const step = snap.state.step;
  if (step > steps) {
    throw new SnapshotError(
      `Coupled snapshot: it was taken at base step ${step}, after the run's end (${steps} steps); run at least ${step} steps (steps count from step 0)`,
    );
  }
  for (const r of records) {
    const p = snap.probes.find((x) => x.name === r.name);
    if (p === undefined || p.dims !== r.dims) throw new SnapshotError(`Coupled snapshot: it has no data of probe '${r.name}' (corrupted)`, { label: r.name });
    r.data.set(p.data);
    r.steps = p.steps;
  }
  return snap.state;
}

/**
 * A sink for the run's snapshots: each encoded with the probe data recorded up to its step, handed
 * to `onSnapshot`; once that is done (a promise it returned resolved), a run whose `signal` was
 * aborted ends there with a {@link RunInterruptedError} holding the snapshot. Undefined when the
 * run takes none for anyone (neither `onSnapshot` nor `signal`).
 */
export function snapshotSink(
  onSnapshot: ((snapshot: Uint8Array, step: number) => void | Promise<void>) | undefined,
  signal: AbortSignal | undefined,
  model: SystemModel,
  plans: readonly UnitPlan[],
  records: readonly CoupledProbe[],
): ((state: HostSnapshot) => void | Promise<void>) | undefined {
  if (onSnapshot === undefined && signal === undefined) return undefined;
  const structure = systemStructure(model, plans);
  return (state) => {
    // without onSnapshot, the bytes are made only for the snapshot the run stops at
    if (onSnapshot === undefined && signal?.aborted !== true) return undefined;
    const probes = records.map((r) => {
      const steps = Math.floor(state.step / r.subsystem.dtMultiple);
      return { name: r.name, steps, dims: r.dims, data: r.data.subarray(0, steps * r.dims) };
    });
    const bytes = encodeSystemSnapshot({ structure, state, probes });
    const stopIfAsked = (): void => {
      if (signal?.aborted === true) throw new RunInterruptedError(bytes, state.step);
    };
    const handed = onSnapshot?.(bytes, state.step);
    if (handed === undefined) return stopIfAsked();
    return handed.then(stopIfAsked);
  };
}

/**
 * The error that ends a run: the {@link RunInterruptedError} a snapshot sink threw for an aborted
 * signal (which the coordinator wraps as an onSnapshot failure), else the error itself.
 */
export function unwrapInterrupted(error: unknown): unknown {
  return error instanceof CouplingError && error.cause instanceof RunInterruptedError ? error.cause : error;
}
