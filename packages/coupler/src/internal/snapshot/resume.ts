import { SnapshotError } from "@plexus/core";
import type { CoupledProbe } from "../../CouplingResult.js";
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

/** A sink for the run's snapshots: each encoded with the probe data recorded up to its step, handed to `onSnapshot`. */
export function snapshotSink(
  onSnapshot: (snapshot: Uint8Array, step: number) => void | Promise<void>,
  model: SystemModel,
  plans: readonly UnitPlan[],
  records: readonly CoupledProbe[],
): (state: HostSnapshot) => void | Promise<void> {
  const structure = systemStructure(model, plans);
  return (state) => {
    const probes = records.map((r) => {
      const steps = Math.floor(state.step / r.subsystem.dtMultiple);
      return { name: r.name, steps, dims: r.dims, data: r.data.subarray(0, steps * r.dims) };
    });
    return onSnapshot(encodeSystemSnapshot({ structure, state, probes }), state.step);
  };
}
