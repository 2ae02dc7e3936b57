import cliProgress from "cli-progress";

/** Whether a progress bar may be drawn: not with `progress: false`, not in CI, only on a TTY stderr. */
export function progressAllowed(option: boolean | undefined): boolean {
  if (option === false) return false;
  if (typeof process === "undefined" || process.stderr === undefined) return false;
  const env = process.env["CI"];
  if (env !== undefined && env !== "" && env !== "0" && env.toLowerCase() !== "false") return false;
  return process.stderr.isTTY === true;
}

/** A progress bar on stderr, started only once a run looks like it takes more than about a second. */
export class RunProgress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly start = performance.now();

  constructor(
    private readonly total: number,
    private readonly allowed: boolean,
  ) {}

  update(done: number): void {
    if (!this.allowed) return;
    if (this.bar === null) {
      const elapsed = performance.now() - this.start;
      if (done === 0 || elapsed < 100 || (elapsed / done) * this.total < 1000) return;
      this.bar = new cliProgress.SingleBar(
        { format: "Simulating [{bar}] {percentage}% | {value}/{total} steps | ETA {eta_formatted}", stream: process.stderr, clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(this.total, done);
      return;
    }
    this.bar.update(done);
  }

  stop(): void {
    if (this.bar !== null) {
      this.bar.update(this.total);
      this.bar.stop();
      this.bar = null;
    }
  }
}
