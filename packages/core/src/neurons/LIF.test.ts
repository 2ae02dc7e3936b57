import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { LIF } from "./LIF.js";
import { LIFRate } from "./LIFRate.js";

describe("LIF", () => {
  it("has Nengo's defaults", () => {
    const lif = new LIF();
    expect([lif.tauRc, lif.tauRef, lif.minVoltage, lif.amplitude]).toEqual([0.02, 0.002, 0, 1]);
    expect(lif.kind).toBe("LIF");
    expect(lif.spiking).toBe(true);
    expect(lif.negative).toBe(false);
    expect(lif).toBeInstanceOf(LIFRate);
  });

  it("reports every bad parameter at once, naming type and attribute", () => {
    let err: unknown;
    try {
      new LIF({ tauRc: -0.02, tauRef: -1, amplitude: 0, minVoltage: 0.5 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues.map((i) => `${i.object}.${i.attr}`);
    expect(issues).toEqual(["LIF.tauRc", "LIF.tauRef", "LIF.amplitude", "LIF.minVoltage"]);
    expect((err as ValidationError).message).toContain("LIF.tauRc: must be a number > 0 (got -0.02)");
    expect(() => new LIF({ tauRc: Number.NaN })).toThrow("LIF.tauRc: must be a number > 0 (got NaN)");
  });

  it("accepts tauRef = 0 and minVoltage = -Infinity", () => {
    expect(new LIF({ tauRef: 0, minVoltage: -Infinity }).minVoltage).toBe(-Infinity);
  });

  it("spikes only when the voltage is strictly above 1", () => {
    const lif = new LIF();
    const state = { voltage: Float64Array.from([1]), refractoryTime: new Float64Array(1) };
    const out = new Float64Array(1);
    for (let s = 0; s < 100; s++) {
      lif.step(0.001, Float64Array.from([1]), out, state);
      expect(out[0]).toBe(0);
    }
    expect(state.voltage[0]).toBe(1);
  });

  it("holds the voltage during the refractory period, then spikes at amplitude/dt", () => {
    const lif = new LIF({ amplitude: 2 });
    const state = { voltage: Float64Array.from([0.5]), refractoryTime: Float64Array.from([0.0025]) };
    const out = new Float64Array(1);
    const j = Float64Array.from([3]);
    lif.step(0.001, j, out, state); // refractoryTime 0.0015 left: held
    expect(state.voltage[0]).toBe(0.5);
    lif.step(0.001, j, out, state); // 0.0005 left: half a step of integration
    expect(state.voltage[0]).toBe(0.5 - (3 - 0.5) * Math.expm1(-0.0005 / 0.02));
    let spikes = 0;
    for (let s = 0; s < 1000; s++) {
      lif.step(0.001, j, out, state);
      if (out[0] !== 0) {
        expect(out[0]).toBe(2000);
        spikes++;
      }
    }
    const rate = new Float64Array(1);
    lif.rateFromCurrent(j, rate);
    expect(Math.abs(spikes - elemAt(rate, 0) / 2)).toBeLessThanOrEqual(1);
  });

  it("uses the LIFRate formula for rates and gain/bias, with a clear error above 1/tauRef", () => {
    const lif = new LIF();
    const r = lif.rates([1, 1], [1, 3], [0, 0]);
    expect(r[0]).toBe(0);
    expect(r[1]).toBeCloseTo(1 / (0.002 + 0.02 * Math.log1p(1 / 2)), 12);
    expect(() => lif.gainBias([600], [0])).toThrow("LIF.maxRates: Max rates must be below the inverse refractory period (500.000)");
    expect(() => new LIF({ tauRef: 0 }).gainBias([Number.NaN], [0])).toThrow("(inf)");
  });
});
