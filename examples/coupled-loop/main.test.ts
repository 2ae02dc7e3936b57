import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, Simulator } from "@plexus/simulator";
import { load } from "@plexus/trainer/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defined } from "../../test/support/defined.js";
import { type CoupledLoopResult, formatCoupledLoop, loop, main, type ProgressEvent, runCoupledLoop } from "./main.js";

/** The first index where two arrays differ in any bit (-0 and NaN included), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Frequency (Hz) from the upward zero crossings of `v` (sampled at times `t`) after `from` s, each placed by linear interpolation. */
function zeroCrossingHz(t: readonly number[], v: readonly number[], from: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < t.length; i++) {
    const [a, b] = [defined(v[i - 1]), defined(v[i])];
    if (defined(t[i - 1]) >= from && a < 0 && b >= 0) crossings.push(defined(t[i - 1]) + ((defined(t[i]) - defined(t[i - 1])) * -a) / (b - a));
  }
  expect(crossings.length, "upward zero crossings").toBeGreaterThanOrEqual(2);
  return (crossings.length - 1) / (defined(crossings.at(-1)) - defined(crossings[0]));
}

describe("examples/coupled-loop (quick sizes, 3 s)", () => {
  let dir: string;
  let result: CoupledLoopResult;
  const events: ProgressEvent[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "coupled-loop-test-"));
    result = await runCoupledLoop({ quick: true, seconds: 3, seed: 0, bundleDir: join(dir, "bundles"), onProgress: (e) => void events.push(e) });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("trains the two subnetworks with different trainers, each deployed loss small", () => {
    const [osc, gov] = result.subnetworks;
    expect([osc.name, osc.trainer, gov.name, gov.trainer]).toEqual(["oscillator", "LeastSquaresTrainer", "governor", "GradientTrainer"]);
    expect(osc.deployedLoss).toBeLessThan(1e-4);
    expect(Math.abs(osc.deployedLoss - osc.trainLoss) / osc.trainLoss).toBeLessThan(0.01); // least squares on data: the simulator reproduces the fit
    expect(gov.deployedLoss).toBeLessThan(3e-3);
    expect(gov.epochs).toBe(20);
    expect(result.trainerWarnings).toEqual([]);
  });

  it("reports the loops' delays from the subnetworks' latencies and the wires", () => {
    expect(result.subnetworks[0].latencies).toEqual({ fb: { f: 1, x: 1 }, u: { f: 1, x: 1 } });
    expect(result.subnetworks[1].latencies).toEqual({ x: { c: 0 } });
    expect(result.loops.map((l) => [l.path, l.delaySteps])).toEqual([
      ["osc.f -> osc.fb", 1],
      ["osc.x -> gov.x -> gov.c -> osc.u", 3],
    ]);
  });

  it("oscillates as its Direct-mode reference does: amplitude 1, frequency 1 Hz; the oscillator alone keeps its kick's amplitude", () => {
    expect(Math.abs(result.amplitude.referenceFinalMean - 1)).toBeLessThan(1e-3);
    expect(Math.abs(result.frequency.referenceHz - 1)).toBeLessThan(1e-3);
    expect(Math.abs(result.amplitude.finalMean - 1)).toBeLessThan(0.03);
    expect(Math.abs(result.frequency.measuredHz - 1)).toBeLessThan(0.01);
    expect(result.error.rmse / result.error.idealRms).toBeLessThan(0.05);
    expect(result.stateError.rmse / result.stateError.idealRms).toBeLessThan(0.1);
    expect(result.amplitude.start).toBeGreaterThan(0.25);
    expect(result.amplitude.withoutGovernorStart).toBeLessThan(0.4);
    expect(result.amplitude.withoutGovernorEnd).toBeLessThan(0.5);
  });

  it("the amplitude and frequency, measured here from the plotted signals, match the Direct-mode reference's and the example's report", () => {
    const { t, series } = result.signals;
    const col = (name: string): readonly number[] => defined(series.find((s) => s.name === name)).values;
    const [x0, x1, r0, r1] = [col("x0"), col("x1"), col("ideal x0"), col("ideal x1")];
    const amp = x0.map((v, i) => Math.hypot(v, defined(x1[i])));
    const ampRef = r0.map((v, i) => Math.hypot(v, defined(r1[i])));
    // amplitude |x| against the reference's over the whole run: RMSE below 5% of the reference's RMS
    const rms = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    const ampRmse = rms(amp.map((a, i) => a - defined(ampRef[i])));
    expect(ampRmse / rms(ampRef)).toBeLessThan(0.05);
    // the state, phase included: RMSE below 10% of the reference's RMS
    expect(rms(x0.flatMap((v, i) => [v - defined(r0[i]), defined(x1[i]) - defined(r1[i])])) / rms(ampRef)).toBeLessThan(0.1);
    // the last second's mean amplitude within 0.03 of 1 (the reference's within 1e-3)
    const lastSecond = (v: readonly number[]): number =>
      v.filter((_, i) => defined(t[i]) > defined(t.at(-1)) - 1).reduce((s, x, _, all) => s + x / all.length, 0);
    expect(Math.abs(lastSecond(amp) - 1)).toBeLessThan(0.03);
    expect(Math.abs(lastSecond(ampRef) - 1)).toBeLessThan(1e-3);
    // frequency after the first second, from zero crossings: within 0.01 Hz of 1 Hz (the reference's within 1e-3)
    const hz = zeroCrossingHz(t, x0, 1);
    expect(Math.abs(hz - 1)).toBeLessThan(0.01);
    expect(Math.abs(zeroCrossingHz(t, r0, 1) - 1)).toBeLessThan(1e-3);
    // the example's own figures (every step; frequency as its phase's slope) agree with these (every 10th
    // step; crossings), within what the amplitude's ripple (std ~0.015) lets two estimators differ
    expect(Math.abs(result.frequency.measuredHz - hz)).toBeLessThan(5e-3);
    expect(Math.abs(result.amplitude.finalMean - lastSecond(amp))).toBeLessThan(5e-3);
    expect(Math.abs(result.error.rmse - ampRmse)).toBeLessThan(0.1 * ampRmse);
  });

  it("runs coupled as composed, and from its reloaded bundles, bit for bit (compared here, on the saved bundles)", async () => {
    expect(result.coupledEqualsComposed).toBe(true);
    expect(result.reloadedLoopIdentical).toBe(true);
    for (const s of result.subnetworks) {
      expect(s.bundle).toBe(join(dir, "bundles", `${s.name}.plexus`));
      expect(existsSync(join(dir, "bundles", `${s.name}.plexus`))).toBe(true);
      expect(s.bundleBytes).toBeGreaterThan(1000);
      expect(s.reloadCheck).toBe("identical");
    }
    const osc = await load<{ fb: 2; u: 2 }, { f: 2; x: 2 }>(join(dir, "bundles", "oscillator.plexus"));
    const gov = await load<{ x: 2 }, { c: 2 }>(join(dir, "bundles", "governor.plexus"));
    const system = loop(osc, gov, 0);
    const steps = 3000;
    const coupled = await system.run({ steps });
    const comp = system.compose();
    const sim = new Simulator(build(comp.network, { dt: comp.dt, seed: comp.seed, overrides: comp.overrides }), { progress: false, seed: comp.seed });
    sim.runSteps(steps);
    for (const name of ["x", "c"]) {
      const a = coupled.data(name);
      const b = Float64Array.from(sim.data(defined(comp.probes.get(name))).data);
      expect(a).toHaveLength(2 * steps);
      expect(firstDifference(a, b), `${name}: coupled vs composed`).toBe(-1);
    }
    sim.close();
    // the example's plotted signals (its run before saving, printed to 6 decimals) are the reloaded loop's values
    const { t, series } = result.signals;
    for (const [name, probe, j] of [
      ["x0", "x", 0],
      ["x1", "x", 1],
      ["c0", "c", 0],
      ["c1", "c", 1],
    ] as const) {
      const data = coupled.data(probe);
      const values = defined(series.find((s) => s.name === name)).values;
      const worst = Math.max(...t.map((tk, i) => Math.abs(defined(values[i]) - defined(data[2 * (Math.round(tk / 0.001) - 1) + j]))));
      expect(worst, name).toBeLessThanOrEqual(5.000001e-7);
    }
  });

  it("gives plottable signals, timings and progress", () => {
    const { t, series } = result.signals;
    expect(t).toHaveLength(300);
    expect(t[0]).toBe(0.01);
    expect(t.at(-1)).toBe(3);
    expect(series.map((s) => s.name)).toEqual(["x0", "x1", "ideal x0", "ideal x1", "|x|", "ideal |x|", "|x| without governor", "c0", "c1"]);
    for (const s of series) {
      expect(s.values).toHaveLength(t.length);
      expect(s.values.every(Number.isFinite)).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.timings.totalSeconds).toBeGreaterThan(0);
    expect(result.timings.coupledStepsPerSecond).toBeGreaterThan(0);
    const stages = events.filter((e) => e.state === "done").map((e) => e.stage);
    expect(stages).toEqual(["train oscillator", "train governor", "run coupled", "run composed", "run reference", "run without governor", "bundles"]);
    const text = formatCoupledLoop(result);
    expect(text).toMatch(/oscillator\s+LeastSquaresTrainer/);
    expect(text).toMatch(/governor\s+GradientTrainer/);
    expect(text).toMatch(/osc\.x -> gov\.x -> gov\.c -> osc\.u\s+3 = wire 0 \+ gov x→c 0 \+ wire 2 \+ osc u→x 1/);
    expect(text).toContain("coupled == compose() on one simulator: identical, bit for bit; loop from the reloaded bundles: identical, bit for bit");
  });

  it("runs as a program with --json", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      await main(["--quick", "--seconds", "2", "--json", "--bundles", join(dir, "cli")]);
    } finally {
      console.log = log;
    }
    const parsed = JSON.parse(lines.join("\n")) as CoupledLoopResult;
    expect(parsed.seconds).toBe(2);
    expect(parsed.signals.t).toHaveLength(200);
    expect(existsSync(join(dir, "cli", "governor.plexus"))).toBe(true);
  });
});
