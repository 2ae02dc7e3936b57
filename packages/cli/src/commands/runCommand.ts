import { spawn } from "node:child_process";
import type { Command } from "commander";
import { listExamples } from "../examples/listExamples.js";
import { resolveExample } from "../examples/resolveExample.js";

interface RunOptions {
  readonly list?: boolean;
  readonly json?: boolean;
}

/** `plexus run <example> [args...]`: runs `examples/<example>/main.ts`, passing it the rest. */
export function addRunCommand(program: Command): void {
  program
    .command("run")
    .description("run one of the examples under examples/ (each folder with a main.ts)")
    .argument("[example]", "the example's folder name, e.g. seed-rescaling")
    .argument("[args...]", "arguments passed to the example, e.g. --json")
    .option("-l, --list", "list the examples instead of running one")
    .option("--json", "with --list: print the list as JSON")
    .option("--verbose", "on error, print the stack and every cause")
    .passThroughOptions()
    .addHelpText("after", "\nOptions after <example> go to the example: plexus run seed-rescaling --json")
    .action(async function (this: Command, name: string | undefined, args: string[]) {
      const options = this.opts<RunOptions>();
      if (options.list === true || name === undefined) {
        const examples = await listExamples();
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify({ examples }, null, 2)}\n`);
        } else if (examples.length === 0) {
          process.stdout.write("No examples yet (examples/<name>/main.ts).\n");
        } else {
          const width = Math.max(...examples.map((e) => e.name.length));
          process.stdout.write(`${examples.map((e) => `${e.name.padEnd(width)}  ${e.summary}`.trimEnd()).join("\n")}\n`);
        }
        return;
      }
      const example = await resolveExample(name);
      process.exitCode = await runTypeScript(example.main, args);
    });
}

/** Runs a TypeScript file in a child Node process through tsx, with the Plexus source condition. */
function runTypeScript(file: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), "--conditions=@plexus/source", file, ...args], {
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal === null ? 1 : 128 + signalNumber(signal))));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : signal === "SIGKILL" ? 9 : 1;
}
