// Progress of long simulator runs, reported to a callback only: the libraries draw nothing (no
// terminal, no cli-progress: they run in browsers too); a CLI or a page renders the events
// (@plexus/cli's Progress does).
import { type ProgressCallback, ValidationError } from "@plexus/core";

/**
 * The `progress` option as given: a callback, or `false`/absent (no reports).
 * @throws ValidationError for anything else (`true` included: no library draws a bar).
 */
export function progressCallback(option: unknown): ProgressCallback | false {
  if (option === undefined || option === false) return false;
  if (typeof option === "function") return option as ProgressCallback;
  throw new ValidationError({
    object: "Simulator",
    attr: "progress",
    message: `must be a callback (event) => void or false (got ${String(option)}); the simulator draws no bar itself: render the events (@plexus/cli's Progress.callback() draws bars)`,
  });
}

/** The simulator's run progress: `Simulating` steps, reported to a callback. */
export class RunProgress {
  constructor(
    private readonly total: number,
    private readonly report: ProgressCallback,
  ) {}

  /** Reports `done` steps of the run. */
  update(done: number): void {
    this.report({ task: "Simulating", unit: "steps", done, total: this.total });
  }
}
