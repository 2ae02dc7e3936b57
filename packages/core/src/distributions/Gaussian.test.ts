import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { Gaussian } from "./Gaussian.js";

describe("Gaussian", () => {
  it("draws with the given mean and standard deviation", () => {
    const x = new Gaussian(3, 0.5).sample(40000, 1, new Rng(4));
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const std = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    expect(mean).toBeCloseTo(3, 2);
    expect(std).toBeCloseTo(0.5, 2);
  });

  it("sampleInto fills a buffer with the same draws as sample", () => {
    const g = new Gaussian(0, 1);
    const out = new Float64Array(6);
    expect(g.sampleInto(out, 3, 2, new Rng(9))).toBe(out);
    expect(out).toEqual(g.sample(3, 2, new Rng(9)));
  });

  it("rejects a non-positive std", () => {
    expect(() => new Gaussian(0, 0)).toThrow(ValidationError);
    expect(() => new Gaussian(0, -1)).toThrow(/std/);
    expect(() => new Gaussian(Number.NaN, 1)).toThrow(/mean/);
  });
});
