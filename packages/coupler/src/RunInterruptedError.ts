import { CouplingError } from "@plexus/core";

/**
 * A coupled run stopped on request (`run({ signal })` aborted): it ran to its next snapshot
 * (a multiple of `snapshotEvery`), handed that snapshot to `onSnapshot` (when given), and ended.
 * `snapshot` holds it: resume with `run({ from: error.snapshot })`. The probe data up to `step`
 * stays readable in the system's `lastResult` (with `run`) or was emitted (with `stream`).
 */
export class RunInterruptedError extends CouplingError {
  /** The snapshot taken at `step`, as bytes (those `onSnapshot` received). */
  readonly snapshot: Uint8Array;
  /** The base step the run stopped at: every subsystem ran to it, none beyond. */
  declare readonly step: number;

  constructor(snapshot: Uint8Array, step: number) {
    super(
      `run: stopped on request at base step ${step} (its signal was aborted), after taking the snapshot there; resume from it with run({ from: error.snapshot }) (the same bits as a run never stopped)`,
      { step },
    );
    this.snapshot = snapshot;
  }
}
