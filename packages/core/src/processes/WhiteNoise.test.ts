import { describe, expect, it } from "vitest";
import { Uniform } from "../distributions/Uniform.js";
import { Rng } from "../Rng.js";
import { BrownNoise } from "./BrownNoise.js";
import { FilteredNoise } from "./FilteredNoise.js";
import { WhiteNoise } from "./WhiteNoise.js";

const stats = (x: Float64Array): { mean: number; variance: number } => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return { mean, variance: x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length };
};

describe("WhiteNoise", () => {
  it("scales the samples by 1/sqrt(dt): variance 1/dt for Gaussian(0, 1)", () => {
    const dt = 0.001;
    const { mean, variance } = stats(new WhiteNoise().runSteps(20000, dt, new Rng(1)));
    expect(Math.abs(mean)).toBeLessThan(1);
    expect(variance * dt).toBeCloseTo(1, 1);
  });

  it("draws from the given distribution, unscaled with scale: false, per dimension", () => {
    const x = new WhiteNoise({ dist: new Uniform(2, 3), scale: false }).runSteps(1000, 0.001, new Rng(2), 3);
    expect(x.length).toBe(3000);
    for (const v of x) expect(v >= 2 && v < 3).toBe(true);
    expect(new WhiteNoise().runSteps(10, 0.001, new Rng(3))).toEqual(new WhiteNoise().runSteps(10, 0.001, new Rng(3)));
  });
});

describe("FilteredNoise and BrownNoise", () => {
  it("lowpass-filtered scaled noise is an Ornstein-Uhlenbeck process with variance ~ 1/(2 tau)", () => {
    const dt = 0.001;
    const x = new FilteredNoise().runSteps(200000, dt, new Rng(4));
    const { variance } = stats(x.subarray(1000));
    expect(variance / (1 / (2 * 0.005))).toBeCloseTo(1, 1);
  });

  it("brown noise has variance t at time t", () => {
    const dt = 0.001;
    const dims = 2000;
    const x = new BrownNoise().runSteps(100, dt, new Rng(5), dims);
    const last = x.subarray(99 * dims);
    expect(stats(last).variance / 0.1).toBeCloseTo(1, 1);
  });
});
