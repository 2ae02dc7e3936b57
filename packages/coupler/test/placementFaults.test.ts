import { CouplingError, Rng } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem } from "../src/CoupledSystem.js";
import { expectSameBits, runComposed } from "./support/compare.js";
import { killingWorkers, silentWorkers } from "./support/killingWorkers.js";
import { mutualLoop } from "./support/loops.js";

const STEPS = 400;

/** The shared mutual loop of a and b alone (no reader) over STEPS steps. */
function loop(): CoupledSystem {
  return mutualLoop(STEPS, { reader: false });
}

describe("snapshots and dead workers", () => {
  it("runs in segments with snapshots, on workers and with one subsystem on main, with the same bits", async () => {
    const composed = runComposed(loop(), STEPS);
    for (const placement of [{ a: "worker", b: "worker" }, { b: "worker" }] as const) {
      const r = await loop().run({ steps: STEPS, placement, snapshotEvery: 50, maxWindowSteps: 8 });
      expectSameBits(r, composed, JSON.stringify(placement));
      expect(r.stats.restarts).toBe(0);
    }
  });

  it("restarts every host from the last snapshot after a worker is terminated at a random step, with the same bits", async () => {
    const composed = runComposed(loop(), STEPS);
    const rng = new Rng(2026);
    for (let trial = 0; trial < 3; trial++) {
      const at = 20 + rng.integer(STEPS - 60);
      const victim = trial === 1 ? "worker#1" : "worker#0";
      const hosts = killingWorkers(victim, at);
      const r = await loop().run({
        steps: STEPS,
        placement: trial === 2 ? { a: "worker" } : { a: "worker", b: "worker" },
        snapshotEvery: 40,
        maxWindowSteps: 8,
        hosts,
      });
      expect(hosts.kills.length, `trial ${trial}: killed after step ${at}`).toBe(1);
      expect(r.stats.restarts).toBe(1);
      expectSameBits(r, composed, `trial ${trial}, killed at ${hosts.kills[0]}`);
    }
  });

  it("restarts from step 0 without snapshots", async () => {
    const hosts = killingWorkers("worker#1", 1); // after its first window

    const r = await loop().run({ steps: STEPS, placement: { a: "worker", b: "worker" }, hosts, maxWindowSteps: 4 });
    expect(hosts.kills.length).toBe(1);
    expect(r.stats.restarts).toBe(1);
    expectSameBits(r, runComposed(loop(), STEPS));
  });

  it("ends with a CouplingError naming the subsystem and the step when restarts are exhausted, keeping the data before", async () => {
    const healthy = runComposed(loop(), STEPS);
    const system = loop();
    const hosts = killingWorkers("worker#0", 150, 2);
    const error = await system.run({ steps: STEPS, placement: { a: "worker", b: "worker" }, snapshotEvery: 100, restarts: 1, hosts }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CouplingError);
    const e = error as CouplingError;
    expect(e.message).toMatch(
      /^The worker thread running 'a' \(worker#0\) failed: terminated by the test after step \d+ in the steps after 100, after 1 restart from the snapshot at step 100; probe data/,
    );
    expect(e.subsystem).toBe("a");
    expect(e.step).toBe(101);
    const kept = defined(system.lastResult);
    for (const name of kept.probes) {
      const steps = kept.record(name).steps;
      expect(steps).toBeGreaterThanOrEqual(100);
      expect(kept.data(name)).toEqual(defined(healthy.get(name)).subarray(0, steps));
    }
  });

  it("ends with a CouplingError after loadTimeoutMs when a worker never answers", async () => {
    const started = performance.now();
    await expect(loop().run({ steps: STEPS, placement: { a: "worker" }, hosts: silentWorkers, loadTimeoutMs: 300, restarts: 0 })).rejects.toThrow(
      /^The worker thread running 'a' \(worker#0\) built nothing for \d+ ms \(loadTimeoutMs 300\)/,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
