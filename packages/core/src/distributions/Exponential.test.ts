import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { Exponential } from "./Exponential.js";

describe("Exponential", () => {
  it("has mean shift + scale and no value below shift", () => {
    const x = new Exponential(0.2, 1).sample(40000, 1, new Rng(1));
    expect(Math.min(...x)).toBeGreaterThanOrEqual(1);
    expect(x.reduce((a, b) => a + b, 0) / x.length).toBeCloseTo(1.2, 2);
    // P(x - shift > scale) = 1/e
    expect(Math.abs(x.filter((v) => v - 1 > 0.2).length / x.length - Math.exp(-1))).toBeLessThan(0.012);
  });

  it("clips values at or above high to just below high", () => {
    const x = new Exponential(1, 0, 0.5).sample(2000, 2, new Rng(2));
    expect(x.length).toBe(4000);
    expect(Math.max(...x)).toBeLessThan(0.5);
    expect(x.filter((v) => v === 0.49999999999999994).length).toBeGreaterThan(2000 * 2 * 0.5);
  });

  it("rejects a non-positive scale", () => {
    expect(() => new Exponential(0)).toThrow(ValidationError);
    expect(() => new Exponential(1, Number.NaN)).toThrow(/shift/);
  });
});
