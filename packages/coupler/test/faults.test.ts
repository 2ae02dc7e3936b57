import { CouplingError, Network } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { subsystem } from "../src/Subsystem.js";
import { runWith, schedules } from "./support/compare.js";
import { twoInputs } from "./support/nets.js";

/** A plant whose node throws from step `failAt` on (when `failAt` is finite). */
function plant(failAt: number): Network<{ u: 1 }, { x: 1 }> {
  const net = new Network({ label: "plant", inputs: { u: 1 }, outputs: { x: 1 } });
  const f = net.node({
    label: "dynamics",
    sizeIn: 1,
    sizeOut: 1,
    output: (t: number, x: Float64Array) => {
      if (Math.round(t / 0.001) >= failAt) throw new Error("the plant diverged");
      return [0.9 * defined(x[0]) + 0.1];
    },
  });
  net.connect(net.in.u, f, { synapse: 0.005 });
  net.connect(f, net.out.x, { synapse: null });
  return net;
}

function system(failAt: number): CoupledSystem {
  const ctrl = subsystem(twoInputs("ctrl"));
  const p = subsystem(plant(failAt));
  return couple({ ctrl, plant: p })
    .input(ctrl.in.ref, (t) => Math.sin(20 * t))
    .wire(ctrl.out.y, p.in.u)
    .wire(p.out.x, ctrl.in.fb, { delaySteps: 2 })
    .probe(p.out.x)
    .probe(ctrl.out.y, { synapse: 0.01 });
}

describe("faults", () => {
  it("stops the system with a CouplingError naming the subsystem and the step, keeping the data before it", async () => {
    const healthy = await system(Infinity).run({ steps: 100 });
    for (const schedule of schedules()) {
      const s = system(41);
      let error: unknown;
      try {
        await runWith(s, 100, schedule);
      } catch (e) {
        error = e;
      }
      expect(error, schedule.name).toBeInstanceOf(CouplingError);
      const e = error as CouplingError;
      expect(e.message).toMatch(/^Subsystem 'plant' failed at step 41 \(t = 0\.041 s\): .*the plant diverged.*; probe data up to step 40 is kept$/);
      expect(e.label).toBe("plant");
      expect(e.cause).toBeInstanceOf(Error);
      const kept = defined(s.lastResult);
      expect(kept.error).toBe(error);
      expect(kept.record("plant.out.x").steps).toBe(40);
      expect(kept.data("plant.out.x")).toEqual(healthy.data("plant.out.x").subarray(0, 40));
      // the controller ran at most as far as the loop's delay allows past the failure
      const ctrlSteps = kept.record("ctrl.out.y").steps;
      expect(ctrlSteps).toBeGreaterThanOrEqual(40);
      expect(ctrlSteps).toBeLessThanOrEqual(42);
      expect(kept.data("ctrl.out.y")).toEqual(healthy.data("ctrl.out.y").subarray(0, ctrlSteps));
    }
  });

  it("reports a failing subsystem through stream() as an error notification", async () => {
    const windows: string[] = [];
    const error = await new Promise<unknown>((resolve) => {
      system(5)
        .stream({ steps: 20 })
        .subscribe({
          next: (w) => windows.push(`${w.probe} ${w.window.start}..${w.window.end}`),
          error: resolve,
          complete: () => resolve(undefined),
        });
    });
    expect(error).toBeInstanceOf(CouplingError);
    expect(String(error)).toContain("Subsystem 'plant' failed at step 5");
    expect(windows).toContain("plant.out.x 1..2");
    expect(windows).toContain("plant.out.x 3..4");
  });

  it("names a fused unit and the base step of a slow subsystem", async () => {
    const p = subsystem(plant(3), { dtMultiple: 2 });
    const c = subsystem(twoInputs("c"), { dtMultiple: 2 });
    const fused = couple({ c, p })
      .input(c.in.ref, (t) => t)
      .wire(c.out.y, p.in.u)
      .wire(p.out.x, c.in.fb);
    await expect(fused.run({ steps: 20 })).rejects.toThrow(/^Fused subsystems 'c\+p' failed at its step 2 \(base step 4, t = 0\.004 s\)/);
  });
});
