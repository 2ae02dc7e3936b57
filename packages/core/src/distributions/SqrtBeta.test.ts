import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { Rng } from "../Rng.js";
import { CosineSimilarity } from "./CosineSimilarity.js";
import { SqrtBeta } from "./SqrtBeta.js";
import { SubvectorLength } from "./SubvectorLength.js";
import { UniformHypersphere } from "./UniformHypersphere.js";

/** Kolmogorov-Smirnov statistic of samples against a CDF. */
function ks(x: Float64Array, cdf: (v: number) => number): number {
  const s = [...x].sort((a, b) => a - b);
  let worst = 0;
  s.forEach((v, i) => {
    const f = cdf(v);
    worst = Math.max(worst, Math.abs(f - i / s.length), Math.abs(f - (i + 1) / s.length));
  });
  return worst;
}

describe("SqrtBeta, SubvectorLength, CosineSimilarity", () => {
  it("has a cdf that ppf inverts and a pdf that integrates to the cdf", () => {
    for (const dist of [new SqrtBeta(3, 2), new SqrtBeta(10), new SubvectorLength(16, 4)]) {
      for (const y of [0.01, 0.3, 0.5, 0.9, 0.999]) expect(dist.cdf(dist.ppf(y))).toBeCloseTo(y, 10);
      let area = 0;
      const steps = 20000;
      for (let i = 0; i < steps; i++) area += dist.pdf((i + 0.5) / steps / 2) / steps / 2;
      expect(area).toBeCloseTo(dist.cdf(0.5), 4);
      expect(dist.cdf(1)).toBe(1);
    }
  });

  it("samples follow the cdf (Kolmogorov-Smirnov)", () => {
    const d = new SqrtBeta(5, 2);
    expect(ks(d.sample(4000, 1, new Rng(1)), (v) => d.cdf(v))).toBeLessThan(0.03);
    const c = new CosineSimilarity(6);
    expect(ks(c.sample(4000, 1, new Rng(2)), (v) => c.cdf(v))).toBeLessThan(0.03);
  });

  it("SubvectorLength is the length of a subvector of a random unit vector", () => {
    const n = 4000;
    const x = new UniformHypersphere({ surface: true }).sample(n, 8, new Rng(3));
    const len = Float64Array.from({ length: n }, (_, i) => Math.hypot(elemAt(x, i * 8), elemAt(x, i * 8 + 1), elemAt(x, i * 8 + 2)));
    const dist = new SubvectorLength(8, 3);
    expect(dist.dimensions).toBe(8);
    expect(dist.subdimensions).toBe(3);
    expect(ks(len, (v) => dist.cdf(v))).toBeLessThan(0.03);
  });

  it("CosineSimilarity is symmetric and is one coordinate of a random unit vector", () => {
    const c = new CosineSimilarity(5);
    expect(c.cdf(0)).toBeCloseTo(0.5, 14);
    expect(c.ppf(0.5)).toBeCloseTo(0, 14);
    expect(c.ppf(0.9)).toBeCloseTo(-c.ppf(0.1), 12);
    const x = new UniformHypersphere({ surface: true }).sample(4000, 5, new Rng(4));
    const first = Float64Array.from({ length: 4000 }, (_, i) => elemAt(x, i * 5));
    expect(ks(first, (v) => c.cdf(v))).toBeLessThan(0.03);
  });

  it("validates n and m", () => {
    expect(() => new SqrtBeta(-1)).toThrow(ValidationError);
    expect(() => new SqrtBeta(2, 1.5)).toThrow(/integer/);
    expect(() => new SubvectorLength(2, 3)).toThrow(ValidationError);
  });
});
