import { describe, expect, it } from "vitest";
import { elemAt } from "../internal/checked.js";
import { AdaptiveLIF } from "./AdaptiveLIF.js";
import { AdaptiveLIFRate } from "./AdaptiveLIFRate.js";
import { LIF } from "./LIF.js";

describe("AdaptiveLIF and AdaptiveLIFRate", () => {
  it("have Nengo's defaults and validate tauN and incN", () => {
    const a = new AdaptiveLIF();
    expect([a.tauN, a.incN, a.tauRc, a.tauRef, a.minVoltage, a.amplitude]).toEqual([1, 0.01, 0.02, 0.002, 0, 1]);
    const r = new AdaptiveLIFRate();
    expect([r.tauN, r.incN, r.tauRc, r.tauRef, r.amplitude]).toEqual([1, 0.01, 0.02, 0.002, 1]);
    expect(r.spiking).toBe(false);
    expect(Object.keys(r.stateSpec)).toEqual(["adaptation"]);
    expect(() => new AdaptiveLIF({ tauN: 0 })).toThrow("AdaptiveLIF.tauN: must be a number > 0 (got 0)");
    expect(() => new AdaptiveLIFRate({ incN: -1 })).toThrow("AdaptiveLIFRate.incN: must be a number >= 0 (got -1)");
  });

  it("AdaptiveLIF with incN = 0 and no adaptation is exactly LIF", () => {
    const j = Float64Array.from([0.5, 1.5, 3, 10]);
    const lif = new LIF();
    const ad = new AdaptiveLIF({ incN: 0 });
    const s1 = { voltage: new Float64Array(4), refractoryTime: new Float64Array(4) };
    const s2 = { voltage: new Float64Array(4), refractoryTime: new Float64Array(4), adaptation: new Float64Array(4) };
    const o1 = new Float64Array(4);
    const o2 = new Float64Array(4);
    for (let s = 0; s < 300; s++) {
      lif.step(0.001, j, o1, s1);
      ad.step(0.001, j, o2, s2);
      expect(o2).toEqual(o1);
    }
    expect(s2.voltage).toEqual(s1.voltage);
  });

  it("AdaptiveLIFRate's adaptation lowers the rate towards a steady state", () => {
    const r = new AdaptiveLIFRate({ tauN: 0.1, incN: 0.05 });
    const j = Float64Array.from([3]);
    const out = new Float64Array(1);
    const state = { adaptation: new Float64Array(1) };
    r.step(0.001, j, out, state);
    const first = elemAt(out, 0);
    for (let s = 0; s < 2000; s++) r.step(0.001, j, out, state);
    expect(out[0]).toBeLessThan(first);
    // steady state: n = incN · rate(J - n)
    const rate = new Float64Array(1);
    r.rateFromCurrent(Float64Array.from([3 - elemAt(state.adaptation, 0)]), rate);
    expect(state.adaptation[0]).toBeCloseTo(0.05 * elemAt(rate, 0), 6);
  });
});
