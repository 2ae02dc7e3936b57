import type { NatsConnectOptions } from "./connectNats.js";
import { type NatsWorker, serveNatsWorker } from "./NatsWorker.js";
import { unitHostSession } from "./unitHostSession.js";

/** Options of {@link runNatsWorker}. */
export interface RunNatsWorkerOptions extends NatsConnectOptions {
  /** The worker's name, which placements use (`nats:NAME`; default `<hostname>-<pid>`). */
  readonly name?: string;
  /** Where the worker writes a line per claim, end and failure (default: nothing). */
  readonly log?: (line: string) => void;
  /** Called once the worker is serving (e.g. to print its name). */
  readonly onReady?: (worker: NatsWorker) => void;
}

/**
 * Serves as a NATS worker hosting subsystems for any coordinator that claims it, until the
 * process gets SIGINT or SIGTERM (then it closes its hosts and the connection and resolves).
 * What `plexus worker --nats URL [--name N]` runs.
 * @throws CouplingError when the broker cannot be reached or the name is not a subject token
 */
export async function runNatsWorker(options: RunNatsWorkerOptions): Promise<void> {
  const worker = await serveNatsWorker({ ...options, host: unitHostSession });
  options.onReady?.(worker);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void worker.close().then(resolve, resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
