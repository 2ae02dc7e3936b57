import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { Uniform } from "./Uniform.js";

describe("Uniform", () => {
  it("draws reals in [low, high) with the uniform mean and variance", () => {
    const x = new Uniform(-2, 3).sample(20000, 2, new Rng(1));
    expect(x.length).toBe(40000);
    let mean = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      mean += v / x.length;
    }
    expect(lo).toBeGreaterThanOrEqual(-2);
    expect(hi).toBeLessThan(3);
    let variance = 0;
    for (const v of x) variance += (v - mean) ** 2 / x.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(variance).toBeCloseTo(25 / 12, 1);
  });

  it("defaults d to 1 and is reproducible from the seed", () => {
    const u = new Uniform(0, 1);
    expect(u.sample(5, undefined, new Rng(3))).toEqual(u.sample(5, 1, new Rng(3)));
  });

  it("draws every integer of [low, high) with integer", () => {
    const x = new Uniform(-1, 3, { integer: true }).sample(4000, 1, new Rng(2));
    const counts = new Map<number, number>();
    for (const v of x) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([-1, 0, 1, 2]);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it("rejects bad bounds and shapes", () => {
    expect(() => new Uniform(Number.NaN, 1)).toThrow(ValidationError);
    expect(() => new Uniform(0.5, 2, { integer: true })).toThrow(/integer bounds/);
    expect(() => new Uniform(0, 1).sample(-1, 1, new Rng(0))).toThrow(ValidationError);
  });
});
