import { join, relative } from "node:path";
import { runCoupledLoop } from "@plexus/examples/coupled-loop";
import type { ProgressTask } from "../Progress.js";
import type { BundleRecord, CoupledLoopResults, PhasePlane, SignalPanel } from "../results/DemoResults.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";

/** How the demo plots the example's signals (series missing from a run are left out). */
const PANELS: readonly SignalPanel[] = [
  { title: "The oscillator's state x", yTitle: "x", series: ["x0", "x1", "ideal x0", "ideal x1"] },
  { title: "Its amplitude |x|, with and without the governor", yTitle: "|x|", series: ["|x|", "ideal |x|", "|x| without governor"] },
  { title: "The governor's correction c", yTitle: "c", series: ["c0", "c1"] },
];
const PHASE: PhasePlane = {
  title: "The state, x₁ against x₀",
  xTitle: "x₀",
  yTitle: "x₁",
  curves: [
    { label: "coupled loop", x: "x0", y: "x1" },
    { label: "ideal limit cycle", x: "ideal x0", y: "ideal x1" },
  ],
};

/**
 * Part 2: examples/coupled-loop: two subnetworks trained by different trainers (least squares
 * and gradient descent), coupled in a mutual loop through their ports, measured against the
 * ideal, saved as bundles and reloaded.
 */
export async function coupledLoopPart(ctx: DemoContext): Promise<PartOutcome<CoupledLoopResults>> {
  const tasks = new Map<string, ProgressTask>();
  const r = await runCoupledLoop({
    quick: ctx.quick,
    seed: ctx.seed,
    bundleDir: join(ctx.outDir, "bundles"),
    plotStep: 0.01,
    onProgress: (event) => {
      let task = tasks.get(event.stage);
      if (task === undefined) {
        task =
          event.total === undefined
            ? ctx.progress.task(`coupled loop: ${event.stage}`, 1, "step")
            : ctx.progress.task(`coupled loop: ${event.stage}`, event.total, "epochs");
        tasks.set(event.stage, task);
      }
      if (event.state === "done") task.done();
      else if (event.done !== undefined) task.update(event.done);
    },
  });
  const names = new Set(r.signals.series.map((s) => s.name));
  const panels = PANELS.map((p) => ({ ...p, series: p.series.filter((s) => names.has(s)) })).filter((p) => p.series.length > 0);
  const phase = PHASE.curves.filter((c) => names.has(c.x) && names.has(c.y));
  // Given a bundleDir, the example keeps each bundle there as `<name>.plexus` and says so.
  const bundlePath = (s: { readonly name: string; readonly bundle: string | null }): string => s.bundle ?? join(ctx.outDir, "bundles", `${s.name}.plexus`);
  const fromOut = (path: string): string => relative(ctx.outDir, path).split("\\").join("/");
  const bundles: BundleRecord[] = r.subnetworks.map((s) => ({
    name: `${s.name} (${s.trainer})`,
    path: fromOut(bundlePath(s)),
    bytes: s.bundleBytes,
    reload: `const ${identifier(s.name)} = await load(${JSON.stringify(relative(process.cwd(), bundlePath(s)))});`,
    reloadCheck: s.reloadCheck,
  }));
  const value: CoupledLoopResults = {
    description: r.description,
    seconds: r.seconds,
    dt: r.dt,
    subnetworks: r.subnetworks.map((s) => ({
      name: s.name,
      role: s.role,
      network: s.network,
      trainer: s.trainer,
      engine: s.engine,
      epochs: s.epochs,
      trainLoss: s.trainLoss,
      deployedLoss: s.deployedLoss,
      trainSeconds: s.trainSeconds,
      bundle: fromOut(bundlePath(s)),
    })),
    loops: r.loops,
    error: r.error,
    otherErrors: [r.stateError],
    measures: [
      { name: "frequency", value: r.frequency.measuredHz, spread: null, ideal: r.frequency.idealHz, unit: "Hz" },
      { name: "amplitude over the last second (mean ± std)", value: r.amplitude.finalMean, spread: r.amplitude.finalStd, ideal: r.amplitude.ideal, unit: "" },
      { name: "amplitude where the comparison starts", value: r.amplitude.start, spread: null, ideal: null, unit: "" },
      {
        name: "amplitude at the end without the governor (ideal: where it started)",
        value: r.amplitude.withoutGovernorEnd,
        spread: null,
        ideal: r.amplitude.withoutGovernorStart,
        unit: "",
      },
      { name: "speed of the coupled run", value: r.timings.coupledStepsPerSecond, spread: null, ideal: null, unit: "steps/s" },
    ],
    checks: [
      { name: "the coupled run equals compose() run as one network on the simulator, bit for bit", passed: r.coupledEqualsComposed },
      { name: "the loop rebuilt from the reloaded bundles gives the same signals, bit for bit", passed: r.reloadedLoopIdentical },
      ...r.subnetworks.map((s) => ({
        name: `the reloaded ${s.name} predicts its training inputs bit for bit as trained`,
        passed: s.reloadCheck === "identical",
      })),
    ],
    signals: r.signals,
    panels,
    phasePlane: phase.length === 0 ? null : { ...PHASE, curves: phase },
    trainerWarnings: r.trainerWarnings,
  };
  return { ran: true, value, bundles };
}

/** A TypeScript identifier from a name ("oscillator" stays, "my net" → "myNet"). */
function identifier(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  const camel = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1))).join("");
  return /^[A-Za-z_]/.test(camel) ? camel : `net${camel}`;
}
