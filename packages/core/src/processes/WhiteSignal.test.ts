import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { Rng } from "../Rng.js";
import { WhiteSignal } from "./WhiteSignal.js";

/** Power at DFT bin k of one period of a signal. */
function power(x: Float64Array, k: number): number {
  let re = 0;
  let im = 0;
  for (let t = 0; t < x.length; t++) {
    re += elemAt(x, t) * Math.cos((2 * Math.PI * k * t) / x.length);
    im -= elemAt(x, t) * Math.sin((2 * Math.PI * k * t) / x.length);
  }
  return re * re + im * im;
}

describe("WhiteSignal", () => {
  const dt = 0.001;

  it("has no power above high, none at DC, and the requested rms on average", () => {
    const p = new WhiteSignal(1, 10, { rms: 0.3 });
    let ms = 0;
    for (let seed = 0; seed < 20; seed++) {
      const x = p.makeSignal(1, dt, new Rng(seed));
      expect(x.length).toBe(1000);
      ms += x.reduce((a, b) => a + b * b, 0) / x.length / 20;
      if (seed === 0) {
        expect(power(x, 0)).toBeLessThan(1e-20);
        for (const k of [11, 50, 400]) expect(power(x, k)).toBeLessThan(1e-20);
        expect(power(x, 5)).toBeGreaterThan(1e-6);
      }
    }
    expect(Math.sqrt(ms)).toBeCloseTo(0.3, 1);
  });

  it("repeats with its period, and outputs sample round(t/dt)", () => {
    const p = new WhiteSignal(0.1, 20);
    const y = p.runSteps(250, dt, new Rng(3), 2);
    for (let k = 0; k + 100 < 250; k++) {
      expect(y[2 * (k + 100)]).toBe(y[2 * k]);
      expect(y[2 * (k + 100) + 1]).toBe(y[2 * k + 1]);
    }
    const s = p.makeSignal(2, dt, new Rng(3));
    expect(y[0]).toBe(s[2]);
  });

  it("starts near y0 when given", () => {
    const y = new WhiteSignal(1, 5, { y0: 0.2 }).runSteps(1, dt, new Rng(7), 3);
    for (const v of y) expect(Math.abs(v - 0.2)).toBeLessThan(0.02);
  });

  it("validates its parameters", () => {
    expect(() => new WhiteSignal(1, 0.5)).toThrow(/1 \/ period/);
    expect(() => new WhiteSignal(0, 5)).toThrow(ValidationError);
    expect(() => new WhiteSignal(1, 5, { rms: -1 })).toThrow(/rms/);
    expect(() => new WhiteSignal(1, 600).makeStep(0, 1, dt, new Rng(0))).toThrow(/Nyquist/);
  });
});
