import type { ProgressCallback } from "@plexus/core";
import { MultiBar, Presets, type SingleBar } from "cli-progress";

/** One long part of a command, with a bar (or, without bars, a start and an end line). */
export interface ProgressTask {
  /** Sets how much is done, in the task's unit, with an optional note such as "loss 1.2e-4". */
  update(value: number, note?: string): void;
  /** Marks the task finished, with an optional note such as "loss 1.2e-4". */
  done(note?: string): void;
}

export interface ProgressOptions {
  /** Where bars and lines go (default process.stderr). */
  readonly stream?: NodeJS.WriteStream;
  /** Force bars on or off (default: on when the stream is a TTY and CI is not set). */
  readonly bars?: boolean;
  /** No output at all (default false). */
  readonly quiet?: boolean;
}

/**
 * Progress of a command on stderr: cli-progress bars when stderr is a terminal and CI is not set,
 * otherwise one plain line when each task starts and ends (so logs stay readable).
 */
export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly quiet: boolean;
  private readonly multibar: MultiBar | undefined;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.quiet = options.quiet ?? false;
    const bars = options.bars ?? (this.stream.isTTY === true && !isCi(process.env));
    this.multibar =
      bars && !this.quiet
        ? new MultiBar(
            {
              stream: this.stream,
              format: " {name} |{bar}| {value}/{total} {unit} · {duration_formatted} {note}",
              hideCursor: true,
              clearOnComplete: false,
              stopOnComplete: false,
              autopadding: true,
              barsize: 30,
            },
            Presets.shades_classic,
          )
        : undefined;
  }

  /** Whether bars are drawn (else plain lines). */
  get bars(): boolean {
    return this.multibar !== undefined;
  }

  /** Starts a task of `total` units (e.g. epochs). */
  task(name: string, total: number, unit: string): ProgressTask {
    const started = performance.now();
    if (this.multibar !== undefined) {
      const bar: SingleBar = this.multibar.create(total, 0, { name, unit, note: "" });
      return {
        update: (value, note) => bar.update(value, note === undefined ? {} : { note }),
        done: (note) => {
          bar.update(total, { note: note ?? "" });
          bar.stop();
        },
      };
    }
    this.log(`${name}: started (${total} ${unit})`);
    return {
      update: () => {},
      done: (note) => this.log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s${note === undefined ? "" : ` (${note})`}`),
    };
  }

  /**
   * A callback for the libraries' progress reports (the `progress` option of a `Simulator` or of
   * `GradientTrainer.fit`: they draw nothing themselves): each reported task gets a bar (or its
   * start and end lines), named `name` or else the event's task, done when `done` reaches `total`.
   *
   * @example
   * const progress = new Progress();
   * await trainer.fit(net, data, { epochs: 20, progress: progress.callback("training") });
   */
  callback(name?: string): ProgressCallback {
    const open = new Map<string, ProgressTask>();
    return (event) => {
      let task = open.get(event.task);
      if (task === undefined) {
        task = this.task(name ?? event.task, event.total, event.unit);
        open.set(event.task, task);
      }
      if (event.done < event.total) {
        task.update(event.done, event.note);
        return;
      }
      task.done(event.note);
      open.delete(event.task);
    };
  }

  /** A line of text above the bars (or on its own without bars). */
  log(line: string): void {
    if (this.quiet) return;
    if (this.multibar !== undefined) this.multibar.log(`${line}\n`);
    else this.stream.write(`${line}\n`);
  }

  /** Removes the bars' hold on the terminal; call once at the end. */
  stop(): void {
    this.multibar?.stop();
  }
}

/** True when the environment says it is CI (`CI` set to anything but "", "0" or "false"). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env["CI"];
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}
