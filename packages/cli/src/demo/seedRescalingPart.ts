import { mkdir } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { BundleRecord, SeedRescalingResults, SeedRescalingSetup } from "../results/DemoResults.js";
import type { ProgressTask } from "../Progress.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";
import { reviveError } from "./internal/reviveError.js";
import type { WorkerMessage } from "./internal/workerMessages.js";
import { type SeedRescalingJob, type SeedRescalingJobResult, runSeedRescalingJob } from "./seedRescalingRun.js";

/** The setup of issue 4's reported case (examples/seed-rescaling). */
const SETUP: SeedRescalingSetup = { network: "1 → 100 Sigmoid → 1", dt: 0.001, epochs: 100, minibatchSize: 100, learningRate: 1e-3, signalHz: 5 };
const LENGTHS = [1, 4, 7, 10, 13, 16];
/** Reduced sizes for `--quick` (tests). */
const QUICK = { lengths: [1, 2], epochs: 5 } as const;

/**
 * Part 1, the reported case: examples/seed-rescaling's channel trained by gradient descent at
 * each data length, measured through its port and with the learned port transform dropped (the
 * original pass-through wiring), each trained subnetwork saved as a bundle. The lengths are
 * independent, so with more than one CPU they run on worker threads; each result depends on its
 * length only, never on the schedule.
 */
export async function seedRescalingPart(ctx: DemoContext): Promise<PartOutcome<SeedRescalingResults>> {
  const setup: SeedRescalingSetup = { ...SETUP, epochs: ctx.quick ? QUICK.epochs : SETUP.epochs };
  const lengths = ctx.quick ? QUICK.lengths : LENGTHS;
  await mkdir(join(ctx.outDir, "bundles"), { recursive: true });
  const jobs: SeedRescalingJob[] = lengths.map((simT) => ({ simT, setup, seed: ctx.seed, outDir: ctx.outDir, cwd: process.cwd() }));
  const tasks = new Map<number, ProgressTask>();
  const task = (simT: number): ProgressTask => {
    let t = tasks.get(simT);
    if (t === undefined) {
      t = ctx.progress.task(`seed rescaling, ${simT} s of data`, setup.epochs, "epochs");
      tasks.set(simT, t);
    }
    return t;
  };
  const onEpoch = (simT: number, epoch: number, loss: number): void => task(simT).update(epoch + 1, `loss ${loss.toExponential(2)}`);
  const onResult = (simT: number, r: SeedRescalingJobResult): void => task(simT).done(`MSE port ${r.run.portMse.toExponential(1)}, dropped ${r.run.bypassMse.toExponential(1)}`);

  const threads = Math.min(ctx.threads, jobs.length);
  const results = threads > 1 && canStartWorkers() ? await inWorkers(balance(jobs, threads), onEpoch, onResult) : await inThisThread(jobs, onEpoch, onResult);
  results.sort((a, b) => a.run.simT - b.run.simT);
  const bundles: BundleRecord[] = results.map((r) => r.bundle);
  return { ran: true, value: { setup, runs: results.map((r) => r.run) }, bundles };
}

async function inThisThread(
  jobs: readonly SeedRescalingJob[],
  onEpoch: (simT: number, epoch: number, loss: number) => void,
  onResult: (simT: number, r: SeedRescalingJobResult) => void,
): Promise<SeedRescalingJobResult[]> {
  const results: SeedRescalingJobResult[] = [];
  for (const job of jobs) {
    const r = await runSeedRescalingJob(job, (epoch, loss) => onEpoch(job.simT, epoch, loss));
    onResult(job.simT, r);
    results.push(r);
  }
  return results;
}

function inWorkers(
  groups: readonly (readonly SeedRescalingJob[])[],
  onEpoch: (simT: number, epoch: number, loss: number) => void,
  onResult: (simT: number, r: SeedRescalingJobResult) => void,
): Promise<SeedRescalingJobResult[]> {
  const results: SeedRescalingJobResult[] = [];
  const workers: Worker[] = [];
  return new Promise<SeedRescalingJobResult[]>((resolve, reject) => {
    let running = groups.length;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error);
    };
    for (const group of groups) {
      const worker = new Worker(workerEntry(), { workerData: group });
      workers.push(worker);
      worker.on("message", (message: WorkerMessage) => {
        switch (message.kind) {
          case "epoch":
            onEpoch(message.simT, message.epoch, message.loss);
            break;
          case "result":
            onResult(message.simT, message.result);
            results.push(message.result);
            break;
          case "done":
            if (--running === 0 && !failed) resolve(results);
            break;
          case "error":
            fail(reviveError(message.name, message.message, message.stack));
            break;
        }
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`a worker thread of the demo exited with code ${code}`));
      });
    }
  });
}

/**
 * Splits the jobs into `n` groups of about equal work (training time grows with the data
 * length): longest first, each to the group with the least work so far.
 */
function balance(jobs: readonly SeedRescalingJob[], n: number): SeedRescalingJob[][] {
  const groups: SeedRescalingJob[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  for (const job of [...jobs].sort((a, b) => b.simT - a.simT)) {
    const i = load.indexOf(Math.min(...load));
    groups[i]?.push(job);
    load[i] = (load[i] ?? 0) + job.simT;
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * The worker's entry. Built, it is the compiled module beside this one. From sources, workers
 * inherit this process's flags (`--conditions=@plexus/source`) but not the hooks `--import tsx`
 * registered, so a small bootstrap registers tsx in the worker before importing the TypeScript.
 */
function workerEntry(): URL {
  const fromSources = import.meta.url.endsWith(".ts");
  const worker = new URL(`./internal/seedRescalingWorker.${fromSources ? "ts" : "js"}`, import.meta.url);
  if (!fromSources) return worker;
  const bootstrap = `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});\nregister();\nawait import(${JSON.stringify(worker.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

/** From sources, workers need tsx, which is there when this process runs under it. */
function canStartWorkers(): boolean {
  return !import.meta.url.endsWith(".ts") || process.execArgv.some((a) => a.includes("tsx"));
}

/** The default number of threads for part 1: one per CPU, at most 2 (the target machine has 2). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, cpus().length));
}
