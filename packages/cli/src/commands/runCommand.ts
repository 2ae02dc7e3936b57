import { spawn } from "node:child_process";
import { ValidationError } from "@plexus/core";
import { examples, findExample } from "@plexus/examples";
import type { Command } from "commander";

interface RunOptions {
  readonly list?: boolean;
  readonly json?: boolean;
}

/** `plexus run <example> [args...]`: runs one of the examples of `@plexus/examples`, passing it the rest. */
export function addRunCommand(program: Command): void {
  program
    .command("run")
    .description("run one of the examples (@plexus/examples); --list lists them")
    .argument("[example]", "the example's name, e.g. seed-rescaling")
    .argument("[args...]", "arguments passed to the example, e.g. --json (--help lists its options)")
    .option("-l, --list", "list the examples instead of running one")
    .option("--json", "with --list: print the list as JSON")
    .option("--verbose", "on error, print the stack and every cause")
    .passThroughOptions()
    .addHelpText("after", "\nOptions after <example> go to the example: plexus run seed-rescaling --json; plexus run seed-rescaling --help lists its options.")
    .action(async function (this: Command, name: string | undefined, args: string[]) {
      const options = this.opts<RunOptions>();
      if (options.list === true || name === undefined) {
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify({ examples }, null, 2)}\n`);
        } else {
          const width = Math.max(...examples.map((e) => e.name.length));
          process.stdout.write(`${examples.map((e) => `${e.name.padEnd(width)}  ${e.summary}`.trimEnd()).join("\n")}\n`);
        }
        return;
      }
      const example = findExample(name);
      if (example === undefined) {
        throw new ValidationError({ object: `Example '${name}'`, message: `not found; choose one of: ${examples.map((e) => e.name).join(", ")}` });
      }
      process.exitCode = await runExample(example.main, args);
    });
}

/**
 * Runs an example's entry module in a child Node process: the compiled JavaScript once installed,
 * the TypeScript through tsx with the Plexus source condition in a checkout of the repository.
 * SIGINT and SIGTERM sent to this process are passed on to the example (which may stop cleanly,
 * e.g. coupled-loop writing its snapshot), and its exit status is ours. The child has a process
 * group of its own, so that a Ctrl-C in a terminal reaches it once (through us), not twice.
 */
function runExample(file: string, args: readonly string[]): Promise<number> {
  const node = file.endsWith(".ts") ? ["--import", import.meta.resolve("tsx"), "--conditions=@plexus/source", file] : [file];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, ...args], { stdio: "inherit", detached: process.platform !== "win32" });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    const done = (): void => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
    };
    child.on("error", (error) => {
      done();
      reject(error);
    });
    child.on("exit", (code, signal) => {
      done();
      resolve(code ?? (signal === null ? 1 : 128 + signalNumber(signal)));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : signal === "SIGKILL" ? 9 : 1;
}
