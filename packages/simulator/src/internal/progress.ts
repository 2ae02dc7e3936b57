// Progress on the terminal, once for the libraries (the simulator's runs, the trainer's epochs):
// one cli-progress bar, drawn only where a person watches (a TTY stderr, not CI).
import type { ProgressCallback } from "@plexus/core";
import cliProgress from "cli-progress";

/**
 * Whether progress is reported: always to a callback; a bar is drawn only without
 * `progress: false`, outside CI, on a TTY stderr.
 */
export function progressAllowed(option: boolean | ProgressCallback | undefined): boolean {
  if (typeof option === "function") return true;
  if (option === false) return false;
  if (typeof process === "undefined" || process.stderr === undefined) return false;
  const env = process.env["CI"];
  if (env !== undefined && env !== "" && env !== "0" && env.toLowerCase() !== "false") return false;
  return process.stderr.isTTY === true;
}

/** A progress bar on stderr (or nothing, where none may be drawn). */
export interface TerminalProgress {
  /** Sets how many units are done, with an optional note (e.g. `loss 1.2e-4`). */
  update(done: number, note?: string): void;
  /** Ends the bar (showing `done` units first, when given and the bar is drawn). */
  stop(done?: number): void;
}

/** Options of {@link terminalProgress}. */
export interface TerminalProgressOptions {
  /** What runs (`Simulating`, a network's label). */
  readonly label: string;
  /** The unit counted (`steps`, `minibatches`). */
  readonly unit: string;
  readonly total: number;
  /** The note shown before the first update (default none). */
  readonly note?: string;
  /** Start drawing only once the task looks like it takes more than about a second (default false). */
  readonly lazy?: boolean;
  /** Remove the bar when it stops (default false). */
  readonly clearOnComplete?: boolean;
  /**
   * `false` reports nothing; a callback receives every report (and nothing is drawn); `true`
   * (the default) draws a bar where {@link progressAllowed}.
   */
  readonly enabled?: boolean | ProgressCallback;
}

const none: TerminalProgress = { update() {}, stop() {} };

/**
 * The libraries' one progress bar on stderr (cli-progress): `label [bar] p% | done/total unit
 * note | ETA`, only where {@link progressAllowed}.
 */
export function terminalProgress(options: TerminalProgressOptions): TerminalProgress {
  if (!progressAllowed(options.enabled)) return none;
  const report = options.enabled;
  if (typeof report === "function") {
    const event = (done: number, note: string | undefined): void =>
      report({ task: options.label, unit: options.unit, done, total: options.total, ...(note === undefined ? {} : { note }) });
    // the caller's last update was the last report (a run that fails stops short of total)
    return { update: (done, note) => event(done, note ?? options.note), stop: () => undefined };
  }
  const { total, lazy = false } = options;
  const start = performance.now();
  let bar: cliProgress.SingleBar | null = null;
  const open = (done: number, note: string): void => {
    bar = new cliProgress.SingleBar(
      {
        format: `${options.label} [{bar}] {percentage}% | {value}/{total} ${options.unit}{note} | ETA {eta_formatted}`,
        stream: process.stderr,
        clearOnComplete: options.clearOnComplete ?? false,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, done, { note });
  };
  const noteText = (note: string | undefined): string => (note === undefined ? "" : ` | ${note}`);
  if (!lazy) open(0, noteText(options.note));
  return {
    update(done, note) {
      if (bar === null) {
        const elapsed = performance.now() - start;
        if (done === 0 || elapsed < 100 || (elapsed / done) * total < 1000) return;
        open(done, noteText(note ?? options.note));
        return;
      }
      bar.update(done, note === undefined ? {} : { note: noteText(note) });
    },
    stop(done) {
      if (bar !== null) {
        if (done !== undefined) bar.update(done);
        bar.stop();
        bar = null;
      }
    },
  };
}

/** The simulator's run progress: a lazy bar of steps, removed when the run ends. */
export class RunProgress {
  private readonly bar: TerminalProgress;

  constructor(
    private readonly total: number,
    allowed: boolean | ProgressCallback,
  ) {
    this.bar = allowed === false ? none : terminalProgress({ label: "Simulating", unit: "steps", total, lazy: true, clearOnComplete: true, enabled: allowed });
  }

  update(done: number): void {
    this.bar.update(done);
  }

  stop(): void {
    this.bar.stop(this.total);
  }
}
