import type { Network } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../test/support/defined.js";
import { walkthrough } from "./main.js";

/** The mean squared error of `channel` (with `overrides`) on the walkthrough's 1000 one-step examples y = u = sin(2π·5t), stepped here on the simulator. */
function simulatedLoss(channel: Network, overrides: Map<string, Float64Array>, dt: number, seed: number): number {
  const sim = new Simulator(build(channel, { dt, seed, overrides }), { progress: false });
  let sum = 0;
  for (let k = 0; k < 1000; k++) {
    const u = Math.sin(2 * Math.PI * 5 * k * 0.001);
    sim.reset();
    sim.writeInput("u", [u]);
    sim.step();
    sum += (defined(sim.readOutput("y")[0]) - u) ** 2;
  }
  sim.close();
  return sum / 1000;
}

describe("the README walkthrough", () => {
  it("trains, saves, loads and couples: the deployed loss is the reloaded network's loss on the simulator, computed here", async () => {
    const r = await walkthrough(20);
    const overrides = new Map(Object.entries(r.reloaded.parameters).map(([name, p]) => [name, p.values]));
    const seed = r.reloaded.report.seed;
    // the reported deployed loss is the loss of the saved-and-reloaded parameters, computed here step by step: equal
    expect(simulatedLoss(r.channel, overrides, r.reloaded.dt, seed)).toBe(r.deployedLoss);
    expect(r.deployedLoss).toBeLessThan(1e-3);
    // training lowered the loss below the untrained channel's (the decoders its build solves; measured 5.65e-5 against 4.43e-5)
    expect(simulatedLoss(r.channel, new Map(), r.reloaded.dt, seed)).toBeGreaterThan(1.1 * r.deployedLoss);
    // trainLoss is the running average over the last epoch, while the parameters still move: within 25% of
    // the deployed loss (measured 4.82e-5 against 4.43e-5, 9% apart)
    expect(Math.abs(r.trainLoss / r.deployedLoss - 1)).toBeLessThan(0.25);
    // The coupled chain computes 2·sin(2π·2t) through both subnetworks' ports.
    expect(r.coupledRmse).toBeLessThan(0.05);
  });
});
