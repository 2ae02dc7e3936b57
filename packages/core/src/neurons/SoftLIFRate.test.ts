import { describe, expect, it } from "vitest";
import { elemAt } from "../internal/checked.js";
import { LIFRate } from "./LIFRate.js";
import { SoftLIFRate } from "./SoftLIFRate.js";

describe("SoftLIFRate", () => {
  it("has sigma 1 by default (nengo_dl), LIFRate's other defaults, and validates sigma", () => {
    const s = new SoftLIFRate();
    expect([s.sigma, s.tauRc, s.tauRef, s.amplitude]).toEqual([1, 0.02, 0.002, 1]);
    expect(s.spiking).toBe(false);
    expect(() => new SoftLIFRate({ sigma: 0 })).toThrow("SoftLIFRate.sigma: must be a number > 0 (got 0)");
  });

  it("at threshold (J = 1) gives amplitude / (tauRef + tauRc · log1p(1 / (sigma · ln 2)))", () => {
    const s = new SoftLIFRate({ sigma: 0.05, amplitude: 2 });
    const out = new Float64Array(1);
    s.rateFromCurrent(Float64Array.from([1]), out);
    expect(out[0]).toBeCloseTo(2 / (0.002 + 0.02 * Math.log1p(1 / (0.05 * Math.LN2))), 12);
  });

  it("below js = -20 uses the asymptote -js - log(sigma), continuous across it", () => {
    const s = new SoftLIFRate({ sigma: 0.02 });
    const j = Float64Array.from([1 - 20 * 0.02 + 1e-9, 1 - 20 * 0.02 - 1e-9, -5]);
    const out = new Float64Array(3);
    s.rateFromCurrent(j, out);
    expect(Math.abs(elemAt(out, 0) - elemAt(out, 1)) / elemAt(out, 0)).toBeLessThan(1e-6);
    const js = (-5 - 1) / 0.02;
    expect(out[2]).toBe(1 / (0.002 + 0.02 * (-js - Math.log(0.02))));
  });

  it("tends to LIFRate away from threshold and is smooth and increasing", () => {
    const s = new SoftLIFRate({ sigma: 0.01 });
    const lif = new LIFRate();
    const j = Float64Array.from([1.5, 2, 5, 100, 1e6]);
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    s.rateFromCurrent(j, a);
    lif.rateFromCurrent(j, b);
    for (let i = 0; i < 5; i++) expect(Math.abs(elemAt(a, i) - elemAt(b, i)) / elemAt(b, i)).toBeLessThan(1e-3);
    const grid = Float64Array.from({ length: 401 }, (_, i) => 0.8 + i * 0.001);
    const r = new Float64Array(401);
    s.rateFromCurrent(grid, r);
    for (let i = 1; i < 401; i++) expect(elemAt(r, i)).toBeGreaterThan(elemAt(r, i - 1));
  });
});
