import cliProgress from "cli-progress";

/** A progress bar on stderr, or nothing. */
export interface Progress {
  update(done: number, loss: number): void;
  stop(): void;
}

const none: Progress = { update() {}, stop() {} };

/**
 * A progress bar of `total` minibatches on stderr (cli-progress), when asked for and stderr is a
 * terminal and the `CI` environment variable is unset; otherwise one that draws nothing.
 */
export function progressBar(enabled: boolean, total: number, label: string): Progress {
  const ci = process.env["CI"];
  if (!enabled || process.stderr.isTTY !== true || (ci !== undefined && ci !== "" && ci !== "0" && ci !== "false")) return none;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} minibatches | loss {loss} | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { loss: "-" });
  return {
    update(done, loss) {
      bar.update(done, { loss: loss.toPrecision(4) });
    },
    stop() {
      bar.stop();
    },
  };
}
