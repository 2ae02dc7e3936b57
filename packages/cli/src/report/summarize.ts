import type { DemoResults, SeedRescalingRun } from "../results/DemoResults.js";

/** The figures the headline and the stat cards are made of, all computed from the results. */
export interface Summary {
  /** Largest |portMse − deployedLoss| / deployedLoss over the runs. */
  readonly portVsDeployed: number | null;
  /** Largest |trainLoss − deployedLoss| / deployedLoss over the runs. */
  readonly trainVsDeployed: number | null;
  /** Smallest and largest MSE through the port. */
  readonly portMseRange: readonly [number, number] | null;
  /** The run where dropping the port transform hurts most, with bypassMse / portMse. */
  readonly worstBypass: { readonly run: SeedRescalingRun; readonly ratio: number } | null;
  /** The run with the largest MSE once the port transform is dropped. */
  readonly largestBypassMse: SeedRescalingRun | null;
  /** Runs whose MSE through the port equals the deployed loss within `agree` (relative). */
  readonly agreeing: number;
  readonly runs: number;
  /** RMSE of the coupled loop against the ideal, relative to the ideal's RMS. */
  readonly loopRelativeError: number | null;
}

/** @param agree Relative difference under which the MSE through the port and the deployed loss count as equal. */
export function summarize(results: DemoResults, agree = 1e-3): Summary {
  const runs = results.seedRescaling?.runs ?? [];
  const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
  const maxOf = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((m, x) => (x > m || Number.isNaN(x) ? x : m), -Infinity));
  let worstBypass: Summary["worstBypass"] = null;
  for (const run of runs) {
    const ratio = run.bypassMse / run.portMse;
    if (Number.isFinite(ratio) && (worstBypass === null || ratio > worstBypass.ratio)) worstBypass = { run, ratio };
  }
  const port = runs.map((r) => r.portMse);
  const largestBypassMse = runs.reduce<SeedRescalingRun | null>(
    (best, r) => (Number.isFinite(r.bypassMse) && (best === null || r.bypassMse > best.bypassMse) ? r : best),
    null,
  );
  const loop = results.coupledLoop;
  return {
    portVsDeployed: maxOf(runs.map((r) => rel(r.portMse, r.deployedLoss))),
    trainVsDeployed: maxOf(runs.map((r) => rel(r.trainLoss, r.deployedLoss))),
    portMseRange: port.length === 0 ? null : [Math.min(...port), Math.max(...port)],
    worstBypass,
    largestBypassMse,
    agreeing: runs.filter((r) => rel(r.portMse, r.deployedLoss) <= agree).length,
    runs: runs.length,
    loopRelativeError: loop === null ? null : loop.error.rmse / loop.error.idealRms,
  };
}
