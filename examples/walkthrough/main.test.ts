import { describe, expect, it } from "vitest";
import { walkthrough } from "./main.js";

describe("the README walkthrough", () => {
  it("trains, saves, loads and couples, with the reported loss equal to the deployed one in scale", async () => {
    const r = await walkthrough(20);
    expect(r.deployedLoss).toBeLessThan(1e-3);
    expect(Math.max(r.trainLoss, r.deployedLoss) / Math.min(r.trainLoss, r.deployedLoss)).toBeLessThan(20);
    // The coupled chain computes 2·sin(2π·2t) through both subnetworks' ports.
    expect(r.coupledRmse).toBeLessThan(0.05);
  });
});
