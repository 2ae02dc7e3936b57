import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Sigmoid } from "./Sigmoid.js";
import { Tanh } from "./Tanh.js";

describe("Sigmoid and Tanh", () => {
  it("have Nengo's defaults and validate tauRef > 0", () => {
    expect(new Sigmoid().tauRef).toBe(0.0025);
    expect(new Tanh().tauRef).toBe(0.0025);
    expect(new Sigmoid().negative).toBe(false);
    expect(new Tanh().negative).toBe(true);
    expect(() => new Sigmoid({ tauRef: 0 })).toThrow("Sigmoid.tauRef: must be a number > 0 (got 0)");
    expect(() => new Tanh({ tauRef: -1 })).toThrow(ValidationError);
  });

  it("reject max rates at or above 1/tauRef, naming type and attribute", () => {
    expect(() => new Sigmoid({ tauRef: 0.005 }).gainBias([100, 200], [0, 0])).toThrow(
      "Sigmoid.maxRates: Max rates must be below the inverse refractory period (200.000)",
    );
    expect(() => new Tanh().gainBias([400], [0])).toThrow("Tanh.maxRates: Max rates must be below");
  });

  it("Sigmoid's intercept is the inflection point, Tanh's the zero crossing", () => {
    const s = new Sigmoid();
    const { gain, bias } = s.gainBias([300], [0.25]);
    expect(s.rates([0.25], gain, bias)[0]).toBeCloseTo(200, 9);
    expect(s.rates([1], gain, bias)[0]).toBeCloseTo(300, 9);
    const t = new Tanh();
    const tb = t.gainBias([300], [0.25]);
    expect(t.rates([0.25], tb.gain, tb.bias)[0]).toBeCloseTo(0, 9);
    expect(t.rates([1], tb.gain, tb.bias)[0]).toBeCloseTo(300, 9);
    expect(t.rates([-1], [1], [0])[0]).toBeLessThan(0);
  });
});
