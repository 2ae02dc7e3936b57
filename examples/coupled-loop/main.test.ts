import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCoupledLoop, main, runCoupledLoop, type CoupledLoopResult, type ProgressEvent } from "./main.js";

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

  it("runs coupled as composed, and from its reloaded bundles, bit for bit", () => {
    expect(result.coupledEqualsComposed).toBe(true);
    expect(result.reloadedLoopIdentical).toBe(true);
    for (const s of result.subnetworks) {
      expect(s.bundle).toBe(join(dir, "bundles", `${s.name}.plexus`));
      expect(existsSync(join(dir, "bundles", `${s.name}.plexus`))).toBe(true);
      expect(s.bundleBytes).toBeGreaterThan(1000);
      expect(s.reloadCheck).toBe("identical");
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
