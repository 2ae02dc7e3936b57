import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { Progress } from "../Progress.js";

interface DemoOptions {
  readonly out: string;
  readonly quick?: boolean;
  readonly seed: number;
  readonly png: boolean;
  readonly json?: boolean;
  readonly progress: boolean;
  readonly threads?: number;
  readonly lr?: number;
  readonly epochs?: number;
}

/** `plexus demo`: the flagship demo, what `npm start` runs. */
export function addDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("run the flagship demo end to end (train, couple, save) and write the report page")
    .option("-o, --out <dir>", "folder for index.html, results.json, png/ and bundles/", "plexus-report")
    .option("--quick", "reduced sizes: seconds instead of a minute (for tests)")
    .option("--seed <n>", "seed of every random draw", parseSeed, 0)
    .option("--lr <x>", "Adam's learning rate of part 1 (default: the settings that converge, examples/seed-rescaling)", parseLearningRate)
    .option("--epochs <n>", "epochs of part 1 (default: the settings that converge; --quick: 5)", parseEpochs)
    .option("--threads <n>", "threads for independent training runs (default: one per CPU, at most 2; results do not depend on it)", parseThreads)
    .option("--no-png", "skip the PNG copies of the plots")
    .option("--no-progress", "no progress bars or lines on stderr")
    .option("--json", "print the results (the content of results.json) instead of the tables")
    .option("--verbose", "on error, print the stack and every cause")
    .action(async function (this: Command) {
      const options = this.opts<DemoOptions>();
      // Loaded on use: the demo pulls in every package and vega; --help should not wait for them.
      const [{ runDemo }, { printDemo }, { writeReport }, { stringifyResults }] = await Promise.all([
        import("../demo/runDemo.js"),
        import("../demo/printDemo.js"),
        import("../report/writeReport.js"),
        import("../results/stringifyResults.js"),
      ]);
      const outDir = resolve(options.out);
      const progress = new Progress({ quiet: !options.progress });
      let run: Awaited<ReturnType<typeof runDemo>>;
      try {
        // The wall time counts from the process start: what a person waits for, imports included.
        run = await runDemo({
          outDir,
          quick: options.quick ?? false,
          seed: options.seed,
          progress,
          startedAt: 0,
          cpuAtStart: { user: 0, system: 0 },
          ...(options.threads === undefined ? {} : { threads: options.threads }),
          ...(options.lr === undefined ? {} : { learningRate: options.lr }),
          ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
        });
      } finally {
        progress.stop();
      }
      await mkdir(outDir, { recursive: true });
      const resultsPath = join(outDir, "results.json");
      const text = stringifyResults(run.results);
      await writeFile(`${resultsPath}.tmp`, text);
      await rename(`${resultsPath}.tmp`, resultsPath);
      const report = await writeReport(run.results, outDir, { png: options.png });
      process.stdout.write(options.json === true ? text : printDemo(run.results, report, resultsPath));
      // A part that failed is in the report; the command still fails, with that part's error.
      const failure = run.failures[0];
      if (failure !== undefined) throw failure.error;
    });
}

function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be an integer >= 1");
  return n;
}

function parseLearningRate(value: string): number {
  const x = value.trim() === "" ? NaN : Number(value);
  if (!(Number.isFinite(x) && x > 0)) throw new InvalidArgumentError("must be a number > 0, e.g. 1e-5");
  return x;
}

function parseEpochs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be an integer >= 1");
  return n;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a non-negative integer");
  return n;
}
