import { mkdir } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { numAt } from "@plexus/core/runtime";
import { AS_REPORTED, CONVERGING, LENGTHS, type Settings } from "@plexus/examples/seed-rescaling";
import type { ProgressTask } from "../Progress.js";
import type { BundleRecord, SeedRescalingResults, SeedRescalingSettings, SeedRescalingSetup } from "../results/DemoResults.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";
import { reviveError } from "./internal/reviveError.js";
import type { WorkerMessage } from "./internal/workerMessages.js";
import { runSeedRescalingJob, type SeedRescalingJob, type SeedRescalingJobResult } from "./seedRescalingRun.js";

/** What every run of part 1 shares (examples/seed-rescaling's channel and data). */
const BASE = { network: "1 → 100 Sigmoid → 1", dt: 0.001, minibatchSize: 100, signalHz: 5 } as const;
/** Reduced sizes for `--quick` (tests). */
const QUICK = { lengths: [1, 2], epochs: 5 } as const;

/** Both panels of part 1: the settings that converge (or the user's), and the report's. */
export interface SeedRescalingPanels {
  readonly main: SeedRescalingResults;
  /** The report's setting (Adam 1e-3), or null when the main panel already uses it. */
  readonly asReported: SeedRescalingResults | null;
}

/** The setup of each panel: the converging settings unless the user gave --lr or --epochs. */
export function panelSetups(ctx: Pick<DemoContext, "quick" | "learningRate" | "epochs">): { main: SeedRescalingSetup; asReported: SeedRescalingSetup | null } {
  const chosen: Settings = { learningRate: ctx.learningRate ?? CONVERGING.learningRate, epochs: ctx.epochs ?? CONVERGING.epochs };
  const same = (a: Settings, b: Settings): boolean => a.learningRate === b.learningRate && a.epochs === b.epochs;
  const kind: SeedRescalingSettings = same(chosen, CONVERGING) ? "converging" : same(chosen, AS_REPORTED) ? "as-reported" : "custom";
  // --quick shortens every panel to QUICK.epochs, unless the user chose the epochs.
  const main: SeedRescalingSetup = {
    ...BASE,
    settings: kind,
    learningRate: chosen.learningRate,
    epochs: ctx.quick && ctx.epochs === undefined ? QUICK.epochs : chosen.epochs,
  };
  const asReported: SeedRescalingSetup = {
    ...BASE,
    settings: "as-reported",
    learningRate: AS_REPORTED.learningRate,
    epochs: ctx.quick ? QUICK.epochs : AS_REPORTED.epochs,
  };
  return { main, asReported: kind === "as-reported" ? null : asReported };
}

/**
 * Part 1, the reported case: examples/seed-rescaling's channel trained by gradient descent at
 * each data length, measured through its port and with the learned port transform dropped (the
 * original pass-through wiring), each trained subnetwork saved as a bundle. Two panels: settings
 * on which the optimiser converges, and the report's own setting (Adam 1e-3), on which it does
 * not. The runs are independent, so with more than one CPU they run on worker threads; each
 * result depends on its job only, never on the schedule.
 */
export async function seedRescalingPart(ctx: DemoContext): Promise<PartOutcome<SeedRescalingPanels>> {
  const setups = panelSetups(ctx);
  const lengths = ctx.quick ? QUICK.lengths : LENGTHS;
  await mkdir(join(ctx.outDir, "bundles"), { recursive: true });
  const panels = [setups.main, ...(setups.asReported === null ? [] : [setups.asReported])];
  const jobs: SeedRescalingJob[] = panels.flatMap((setup, panel) =>
    lengths.map((simT) => ({ simT, setup, panel, seed: ctx.seed, outDir: ctx.outDir, cwd: process.cwd(), bundleSuffix: panel === 0 ? "" : "-as-reported" })),
  );
  const tasks = new Map<number, ProgressTask>();
  const task = (id: number): ProgressTask => {
    let t = tasks.get(id);
    const job = jobs[id];
    if (t === undefined && job !== undefined) {
      t = ctx.progress.task(`seed rescaling${job.panel === 0 ? "" : " (as reported)"}, ${job.simT} s of data`, job.setup.epochs, "epochs");
      tasks.set(id, t);
    }
    return t ?? { update: () => {}, done: () => {} };
  };
  const onEpoch = (id: number, epoch: number, loss: number): void => task(id).update(epoch + 1, `loss ${loss.toExponential(2)}`);
  const onResult = (id: number, r: SeedRescalingJobResult): void =>
    task(id).done(`MSE port ${r.run.portMse.toExponential(1)}, dropped ${r.run.bypassMse.toExponential(1)}`);

  const threads = Math.min(ctx.threads, jobs.length);
  const indexed = jobs.map((job, id) => ({ id, job }));
  const results =
    threads > 1 && canStartWorkers() ? await inWorkers(balance(indexed, threads), onEpoch, onResult) : await inThisThread(indexed, onEpoch, onResult);
  const ofPanel = (panel: number): SeedRescalingJobResult[] =>
    results
      .filter((r) => r.job.panel === panel)
      .map((r) => r.result)
      .sort((a, b) => a.run.simT - b.run.simT);
  const bundles: BundleRecord[] = results.sort((a, b) => a.id - b.id).map((r) => r.result.bundle);
  const main = { setup: setups.main, runs: ofPanel(0).map((r) => r.run) };
  const asReported = setups.asReported === null ? null : { setup: setups.asReported, runs: ofPanel(1).map((r) => r.run) };
  return { ran: true, value: { main, asReported }, bundles };
}

/** A job and its place in the list (results are put back in that order). */
interface Indexed {
  readonly id: number;
  readonly job: SeedRescalingJob;
}

interface IndexedResult extends Indexed {
  readonly result: SeedRescalingJobResult;
}

async function inThisThread(
  jobs: readonly Indexed[],
  onEpoch: (id: number, epoch: number, loss: number) => void,
  onResult: (id: number, r: SeedRescalingJobResult) => void,
): Promise<IndexedResult[]> {
  const results: IndexedResult[] = [];
  for (const { id, job } of jobs) {
    const result = await runSeedRescalingJob(job, (epoch, loss) => onEpoch(id, epoch, loss));
    onResult(id, result);
    results.push({ id, job, result });
  }
  return results;
}

function inWorkers(
  groups: readonly (readonly Indexed[])[],
  onEpoch: (id: number, epoch: number, loss: number) => void,
  onResult: (id: number, r: SeedRescalingJobResult) => void,
): Promise<IndexedResult[]> {
  const results: IndexedResult[] = [];
  const byId = new Map(groups.flat().map((j) => [j.id, j.job]));
  const workers: Worker[] = [];
  return new Promise<IndexedResult[]>((resolve, reject) => {
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
            onEpoch(message.id, message.epoch, message.loss);
            break;
          case "result": {
            const job = byId.get(message.id);
            if (job === undefined) {
              fail(new Error(`a worker thread of the demo returned an unknown job ${message.id}`));
              break;
            }
            onResult(message.id, message.result);
            results.push({ id: message.id, job, result: message.result });
            break;
          }
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
 * length and the epochs): largest first, each to the group with the least work so far.
 */
function balance(jobs: readonly Indexed[], n: number): Indexed[][] {
  const groups: Indexed[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  const work = (j: Indexed): number => j.job.simT * j.job.setup.epochs;
  for (const job of [...jobs].sort((a, b) => work(b) - work(a) || a.id - b.id)) {
    const i = load.indexOf(Math.min(...load));
    groups[i]?.push(job);
    load[i] = numAt(load, i) + work(job);
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
