import { decodeSystemSnapshot } from "./internal/snapshot/systemSnapshot.js";

/** What a coupled snapshot says of itself (see {@link snapshotInfo}). */
export interface SnapshotInfo {
  /** The base step it was taken at: a resumed run goes on from the step after. */
  readonly step: number;
  /** The hash of the system's structure (subsystems, wires, inputs, probes, seed, dt): 16 hex digits. */
  readonly structureHash: string;
  /** The keys of the system's subsystems. */
  readonly subsystems: readonly string[];
  /** The system's base time step (s) and seed. */
  readonly dt: number;
  readonly seed: number;
  /** Its size in bytes. */
  readonly bytes: number;
}

/**
 * Reads what a coupled snapshot (the bytes `run({ onSnapshot })` received) says of itself, without
 * a system: its step, the system's structure hash and subsystems.
 * @throws SnapshotError for bytes that are no coupled snapshot, truncated, corrupted or of another format version
 */
export function snapshotInfo(snapshot: Uint8Array): SnapshotInfo {
  const s = decodeSystemSnapshot(snapshot);
  return {
    step: s.state.step,
    structureHash: s.structureHash,
    subsystems: s.structure.subsystems.map((x) => x.key),
    dt: s.structure.dt,
    seed: s.structure.seed,
    bytes: snapshot.length,
  };
}
