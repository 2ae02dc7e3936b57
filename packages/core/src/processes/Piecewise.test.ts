import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { Piecewise } from "./Piecewise.js";

const dt = 0.001;
const run = (p: Piecewise, n: number): number[] => [...p.runSteps(n, dt, new Rng(0))];

describe("Piecewise", () => {
  it("starts each piece at the step whose t + dt/2 is strictly past its key; zeros before", () => {
    const p = new Piecewise({ 0.002: 1, 0.0035: 2, 0.005: 3 });
    expect(p.times).toEqual([0.002, 0.0035, 0.005]);
    expect(run(p, 6)).toEqual([0, 1, 1, 2, 3, 3]);
  });

  it("takes a Map, vector values and functions of t", () => {
    const p = new Piecewise(
      new Map<number, number[] | ((t: number) => number[])>([
        [0, (t) => [t, -t]],
        [0.003, [7, 8]],
      ]),
    );
    expect(p.defaultSizeOut).toBe(2);
    const y = run(p, 4);
    expect(y.slice(0, 2)).toEqual([0.001, -0.001]);
    expect(y.slice(4)).toEqual([7, 8, 7, 8]);
  });

  it("interpolates linearly between keys and is 0 outside them", () => {
    const p = new Piecewise({ 0.001: 0, 0.003: 1 }, { interpolation: "linear" });
    const y = run(p, 4);
    expect(y[0]).toBe(0);
    expect(y[1]).toBeCloseTo(0.5, 12);
    expect(y[2]).toBe(1);
    expect(y[3]).toBe(0);
  });

  it("takes the nearest key's value with nearest", () => {
    const p = new Piecewise({ 0: 1, 0.004: 2 }, { interpolation: "nearest" });
    expect(run(p, 5)).toEqual([1, 1, 2, 2, 0]);
  });

  it("falls back to zero interpolation when a piece is a function, as Nengo", () => {
    expect(new Piecewise({ 0: Math.cos, 1: 0 }, { interpolation: "linear" }).interpolation).toBe("zero");
  });

  it("validates keys, sizes, functions and the interpolation", () => {
    expect(() => new Piecewise({})).toThrow(ValidationError);
    expect(() => new Piecewise({ 0: 1, 1: [1, 2] })).toThrow(/size 2 instead of 1/);
    expect(() => new Piecewise(new Map([[Number.NaN, 1]]))).toThrow(/keys must be times/);
    expect(
      () =>
        new Piecewise({
          0: () => {
            throw new Error("boom");
          },
        }),
    ).toThrow(/should return/);
    expect(() => new Piecewise({ 0: 1 }, { interpolation: "cubic" })).toThrow(/needs at least 4 time keys/);
    expect(() => new Piecewise({ 0: 1 }, { interpolation: "linear" })).toThrow(/at least 2/);
    expect(() => new Piecewise({ 0: "a" as unknown as number })).toThrow(ValidationError);
  });
});
