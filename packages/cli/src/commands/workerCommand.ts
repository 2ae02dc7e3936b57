import type { Command } from "commander";

interface WorkerOptions {
  readonly nats: string;
  readonly name?: string;
  readonly quiet?: boolean;
}

/** `plexus worker --nats URL [--name N]`: hosts subsystems for any coordinator that asks, until Ctrl-C. */
export function addWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("host subsystems of coupled runs for any coordinator that asks, through a NATS broker, until interrupted")
    .requiredOption("--nats <url>", "the broker, e.g. nats://127.0.0.1:4222 (start one with `nats-server`)")
    .option("--name <name>", "the worker's name, which placements use (nats:NAME); default <hostname>-<pid>")
    .option("--quiet", "print nothing but errors")
    .option("--verbose", "on error, print the stack and every cause")
    .action(async function (this: Command) {
      const options = this.opts<WorkerOptions>();
      // Loaded on use: --help should not load the NATS client.
      const { runNatsWorker } = await import("@plexus/coupler/nats");
      const log = options.quiet === true ? undefined : (line: string): void => void process.stderr.write(`${line}\n`);
      await runNatsWorker({
        servers: options.nats,
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(log === undefined ? {} : { log }),
        onReady: (worker) => log?.(`plexus worker '${worker.name}' (pid ${process.pid}) serving ${options.nats}; Ctrl-C stops it`),
      });
    });
}
