import { Command } from "commander";
import { addDemoCommand } from "./commands/demoCommand.js";
import { addInspectCommand } from "./commands/inspectCommand.js";
import { addReportCommand } from "./commands/reportCommand.js";
import { addRunCommand } from "./commands/runCommand.js";
import { addWorkerCommand } from "./commands/workerCommand.js";
import { plexusVersion } from "./internal/version.js";

/**
 * The `plexus` program. Errors are thrown, not printed: {@link runCli} turns them into one line
 * and an exit status. Options are positional (`plexus run <example> --json` passes `--json` to
 * the example), so every command takes its own `--verbose`.
 */
export function createProgram(): Command {
  const program = new Command("plexus")
    .description("Plexus: neural subnetworks trained separately, then run coupled through typed ports.")
    .version(plexusVersion, "-V, --version", "print the Plexus version")
    .option("--verbose", "on error, print the stack and every cause")
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      `
Examples:
  $ plexus demo                       run the flagship demo, write plexus-report/index.html
  $ plexus run --list                 list the examples
  $ plexus run seed-rescaling --json  run one example, passing it --json
  $ plexus inspect bundle.plexus      ports, parameters and training report of a saved bundle
  $ plexus report results.json        render the report page from a results file`,
    );
  addDemoCommand(program);
  addRunCommand(program);
  addInspectCommand(program);
  addReportCommand(program);
  addWorkerCommand(program);
  return program;
}
