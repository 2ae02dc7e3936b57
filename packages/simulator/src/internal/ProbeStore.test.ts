import { SimulationError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { ProbeStore } from "./ProbeStore.js";

describe("ProbeStore", () => {
  it("reserves the rows a probe with sampleEvery records, not one per step", () => {
    const store = new ProbeStore(3, 1000, "Probe 'p'");
    store.reserveSteps(1e9, 1);
    // 1e9 steps, one row in 1000: about 1e6 rows of 3 values (8 GB if one per step)
    expect(store.data.length).toBe((1e6 + 2) * 3);
  });

  it("keeps the rows recorded when it grows, and names the probe and the bytes when it cannot", () => {
    const store = new ProbeStore(2, 1, "Probe 'p'", 2);
    store.data.set([1, 2, 3, 4]);
    store.rows = 2;
    store.reserveSteps(10, 3);
    expect(Array.from(store.data.subarray(0, 4))).toEqual([1, 2, 3, 4]);
    expect(() => store.reserveSteps(2 ** 31, 13)).toThrow(SimulationError);
    expect(() => store.reserveSteps(2 ** 31, 13)).toThrow(/Probe 'p': recording 2147483648 more steps .* needs 34359738400 bytes \(32\.0 GiB\)/);
    expect(Array.from(store.data.subarray(0, 4))).toEqual([1, 2, 3, 4]);
  });
});
