import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { Choice } from "./Choice.js";

describe("Choice", () => {
  it("draws scalar options with the weights' probabilities", () => {
    const x = new Choice([1, 5, 9], { weights: [1, 2, 1] }).sample(20000, undefined, new Rng(3));
    const freq = (v: number): number => x.filter((y) => y === v).length / x.length;
    expect(freq(1)).toBeCloseTo(0.25, 1);
    expect(freq(5)).toBeCloseTo(0.5, 1);
    expect(freq(9)).toBeCloseTo(0.25, 1);
    expect(new Choice([2]).sample(3, 1, new Rng(0))).toEqual(Float64Array.of(2, 2, 2));
  });

  it("draws whole rows of vector options and never a zero-weight option", () => {
    const c = new Choice(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      { weights: [1, 0, 1] },
    );
    expect(c.dimensions).toBe(2);
    const x = c.sample(500, 2, new Rng(5));
    for (let i = 0; i < 500; i++) {
      expect([
        [1, 2],
        [5, 6],
      ]).toContainEqual([x[2 * i], x[2 * i + 1]]);
    }
    expect(c.sample(4, undefined, new Rng(5)).length).toBe(8);
  });

  it("checks the dimensionality and the weights", () => {
    expect(() => new Choice([[1, 2]]).sample(3, 3, new Rng(0))).toThrow(/dimensionality 3/);
    expect(() => new Choice([1, 2]).sample(3, 2, new Rng(0))).toThrow(ValidationError);
    expect(() => new Choice([1, 2], { weights: [1] })).toThrow(/must match/);
    expect(() => new Choice([1, 2], { weights: [1, -1] })).toThrow(/non-negative/);
    expect(() => new Choice([1, 2], { weights: [0, 0] })).toThrow(/positive/);
    expect(() => new Choice([])).toThrow(ValidationError);
    expect(() => new Choice([[1, 2], [3]])).toThrow(/length 2/);
  });
});
