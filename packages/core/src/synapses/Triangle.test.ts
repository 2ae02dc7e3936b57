import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { LinearFilter } from "./LinearFilter.js";
import { Triangle } from "./Triangle.js";

describe("Triangle", () => {
  it("has round(t/dt)+1 normalised descending taps and convolves with them", () => {
    const tri = new Triangle(0.004);
    const dt = 0.001;
    expect(tri.nTaps(dt)).toBe(5);
    const taps = tri.taps(dt);
    expect([...taps].map((x) => x * 15)).toEqual([5, 4, 3, 2, 1].map((x) => expect.closeTo(x, 12)));
    const u = Float64Array.from({ length: 30 }, (_, k) => Math.sin(k) + (k % 3));
    const y = tri.filt(u, 1, dt);
    for (let k = 0; k < u.length; k++) {
      let s = 0;
      for (let i = 0; i < taps.length && i <= k; i++) s += elemAt(taps, i) * elemAt(u, k - i);
      expect(y[k]).toBeCloseTo(s, 12);
    }
    // the state-space form of discretize() gives the same outputs
    const ss = LinearFilter.stepperFor(tri.discretize(dt), 1);
    const out = new Float64Array(1);
    for (let k = 0; k < u.length; k++) {
      ss.step(u.subarray(k, k + 1), out);
      expect(out[0]).toBeCloseTo(elemAt(y, k), 12);
    }
  });

  it("starts at y0 for a constant input and keeps state per channel", () => {
    const tri = new Triangle(0.01);
    const y = tri.filt(new Float64Array(40).fill(2), 1, 0.001, [2]);
    for (const v of y) expect(v).toBeCloseTo(2, 12);
    expect(tri.stateSize(0.001)).toBe(13);
    const two = tri.filt(Float64Array.of(1, 0, 1, 0), 2, 0.001);
    expect(two[1]).toBe(0);
    expect(two[3]).toBe(0);
  });

  it("is a unit gain for t = 0 and rejects negative t", () => {
    expect(new Triangle(0).filt(Float64Array.of(4, 5), 1, 0.001)).toEqual(Float64Array.of(4, 5));
    expect(() => new Triangle(-0.01)).toThrow(ValidationError);
  });
});
