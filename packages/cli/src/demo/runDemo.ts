import { cpus } from "node:os";
import { plexusVersion } from "../internal/version.js";
import { Progress } from "../Progress.js";
import { type BundleRecord, type DemoResults, type MissingSection, RESULTS_FORMAT, RESULTS_VERSION, type SectionName } from "../results/DemoResults.js";
import { parseResults } from "../results/parseResults.js";
import { stringifyResults } from "../results/stringifyResults.js";
import { coupledLoopPart } from "./coupledLoopPart.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";
import { rasterPart } from "./rasterPart.js";
import { defaultThreads, seedRescalingPart } from "./seedRescalingPart.js";

export interface RunDemoOptions {
  /** Folder for results.json and the bundles. */
  readonly outDir: string;
  /** Reduced sizes, for tests (default false). */
  readonly quick?: boolean;
  /** Seed of the whole demo (default 0). */
  readonly seed?: number;
  /** Adam's learning rate of part 1's main panel (default: examples/seed-rescaling's `CONVERGING`). */
  readonly learningRate?: number;
  /** Epochs of part 1's main panel (default: examples/seed-rescaling's `CONVERGING`). */
  readonly epochs?: number;
  readonly progress?: Progress;
  /** Threads for independent runs (default: one per CPU, at most 2). Results do not depend on it. */
  readonly threads?: number;
  /** When the demo started, as `performance.now()` (default: now; `plexus demo` passes 0, the process start). */
  readonly startedAt?: number;
  /** CPU time already used when the demo started, as `process.cpuUsage()` (default: now; `plexus demo` passes zero). */
  readonly cpuAtStart?: NodeJS.CpuUsage;
}

/** The demo's results, and the parts that failed (their errors, also listed in `missing`). */
export interface DemoRun {
  readonly results: DemoResults;
  readonly failures: readonly { readonly section: SectionName; readonly error: unknown }[];
}

/**
 * Runs the flagship demo: the reported case (seed rescaling), a coupled loop of two subnetworks
 * trained by different trainers, a spike raster, and the bundles they saved. A part that cannot
 * run in this checkout, or fails, is listed in `missing` with the reason; nothing is made up.
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoRun> {
  const started = options.startedAt ?? performance.now();
  const cpuAtStart = options.cpuAtStart ?? process.cpuUsage();
  const ctx: DemoContext = {
    outDir: options.outDir,
    quick: options.quick ?? false,
    seed: options.seed ?? 0,
    progress: options.progress ?? new Progress({ quiet: true }),
    // Worker threads cost a second to start: worth it for the full sizes only.
    threads: options.threads ?? (options.quick === true ? 1 : defaultThreads()),
    ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
    ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
  };
  // The parts are independent: part 1 trains on worker threads while the others run here.
  // Their results are assembled in a fixed order, so the schedule never shows in the file.
  const [seed, loop, raster] = await Promise.all([settle(seedRescalingPart, ctx), settle(coupledLoopPart, ctx), settle(rasterPart, ctx)]);
  const missing: MissingSection[] = [];
  const bundles: BundleRecord[] = [];
  const failures: { section: SectionName; error: unknown }[] = [];
  function take<T>(section: SectionName, outcome: Settled<T>): T | null {
    if (outcome.failed) {
      failures.push({ section, error: outcome.error });
      const e = outcome.error;
      missing.push({ section, reason: `failed with ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` });
      return null;
    }
    if (!outcome.value.ran) {
      missing.push({ section, reason: outcome.value.reason });
      return null;
    }
    bundles.push(...outcome.value.bundles);
    return outcome.value.value;
  }
  const seedPanels = take("seedRescaling", seed);
  const coupledLoop = take("coupledLoop", loop);
  const rasterResults = take("raster", raster);

  const results: DemoResults = {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    plexusVersion,
    createdAt: new Date().toISOString(),
    wallSeconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsSince(cpuAtStart),
    quick: ctx.quick,
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length },
    seedRescaling: seedPanels?.main ?? null,
    seedRescalingAsReported: seedPanels?.asReported ?? null,
    coupledLoop,
    raster: rasterResults,
    bundles,
    missing,
  };
  // What the demo writes must be what `plexus report` accepts: check it the same way.
  parseResults(JSON.parse(stringifyResults(results)), "Demo results");
  return { results, failures };
}

type Settled<T> = { readonly failed: false; readonly value: PartOutcome<T> } | { readonly failed: true; readonly error: unknown };

async function settle<T>(part: (ctx: DemoContext) => Promise<PartOutcome<T>>, ctx: DemoContext): Promise<Settled<T>> {
  try {
    return { failed: false, value: await part(ctx) };
  } catch (error) {
    return { failed: true, error };
  }
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
