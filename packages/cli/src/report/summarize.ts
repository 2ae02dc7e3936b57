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
  /** RMSE of the coupled loop against the ideal, relative to the ideal's RMS. */
  readonly loopRelativeError: number | null;
}

export function summarize(results: DemoResults): Summary {
  const runs = results.seedRescaling?.runs ?? [];
  const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
  const maxOf = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((m, x) => (x > m || Number.isNaN(x) ? x : m), -Infinity));
  let worstBypass: Summary["worstBypass"] = null;
  for (const run of runs) {
    const ratio = run.bypassMse / run.portMse;
    if (Number.isFinite(ratio) && (worstBypass === null || ratio > worstBypass.ratio)) worstBypass = { run, ratio };
  }
  const port = runs.map((r) => r.portMse);
  const loop = results.coupledLoop;
  return {
    portVsDeployed: maxOf(runs.map((r) => rel(r.portMse, r.deployedLoss))),
    trainVsDeployed: maxOf(runs.map((r) => rel(r.trainLoss, r.deployedLoss))),
    portMseRange: port.length === 0 ? null : [Math.min(...port), Math.max(...port)],
    worstBypass,
    loopRelativeError: loop === null ? null : loop.error.rmse / loop.error.idealRms,
  };
}
