import { CommanderError } from "commander";
import { createProgram } from "./createProgram.js";
import { formatError } from "./formatError.js";

/**
 * Runs the `plexus` command line and returns its exit status: 0 on success, 1 when a command
 * failed (one line on stderr: the error's class and message), 2 on a usage error.
 *
 * @param argv The arguments after `node main.ts`, e.g. `["report", "results.json"]`.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  const verbose = argv.includes("--verbose");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed help or its usage message already.
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`${formatError(error, verbose)}\n`);
    return 1;
  }
}
