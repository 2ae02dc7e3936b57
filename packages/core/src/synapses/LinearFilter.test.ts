import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { General } from "./General.js";
import { LinearFilter } from "./LinearFilter.js";
import { NoD } from "./NoD.js";
import { NoX } from "./NoX.js";
import { OneX } from "./OneX.js";

const dt = 0.001;

describe("LinearFilter", () => {
  it("realises and discretises a first-order filter with zoh", () => {
    const f = new LinearFilter([1], [0.02, 1]).discretize(dt);
    const a = Math.exp(-dt / 0.02);
    expect(f.order).toBe(1);
    expect(f.stepKind).toBe("oneX");
    expect(f.a[0]).toBeCloseTo(a, 15);
    expect(elemAt(f.c, 0) * elemAt(f.b, 0)).toBeCloseTo(1 - a, 15);
    expect(f.d).toBe(0);
  });

  it("uses discrete coefficients as they are with analog: false", () => {
    const f = new LinearFilter([0.5], [1, -0.5], { analog: false }).discretize(dt);
    expect([...f.a, ...f.b, ...f.c, f.d]).toEqual([0.5, 1, 0.5, 0]);
  });

  it("picks Nengo's step class", () => {
    expect(new LinearFilter([1], [0, 1]).stepClass(dt)).toBe("NoX");
    expect(new LinearFilter([1], [0.1, 1]).stepClass(dt)).toBe("OneXScalar");
    expect(new LinearFilter([1], [0.1, 1]).stepClass(dt, 3)).toBe("OneX");
    expect(new LinearFilter([1], [1e-4, 0.02, 1]).stepClass(dt)).toBe("NoD");
    expect(new LinearFilter([0.02, 1], [0.01, 1]).stepClass(dt)).toBe("General");
    expect(new LinearFilter([1], [0, 1]).makeStepper(dt, 2)).toBeInstanceOf(NoX);
    expect(new LinearFilter([1], [0.1, 1]).makeStepper(dt, 2)).toBeInstanceOf(OneX);
    expect(new LinearFilter([1], [1e-4, 0.02, 1]).makeStepper(dt, 2)).toBeInstanceOf(NoD);
    expect(new LinearFilter([0.02, 1], [0.01, 1]).makeStepper(dt, 2)).toBeInstanceOf(General);
    expect(LinearFilter.General).toBe(General);
  });

  it("has unit DC gain: the step response settles at num/den at s = 0", () => {
    for (const f of [new LinearFilter([1], [1e-4, 0.02, 1]), new LinearFilter([0.02, 1], [0.01, 1]), new LinearFilter([1], [0.003, 1])]) {
      const y = f.filt(new Float64Array(3000).fill(1), 1, dt);
      expect(y[2999]).toBeCloseTo(1, 9);
    }
  });

  it("starts at y0 in steady state for every step class", () => {
    const u = new Float64Array(50).fill(0.7);
    for (const f of [new LinearFilter([1], [0.05, 1]), new LinearFilter([1], [1e-4, 0.02, 1]), new LinearFilter([0.02, 1], [0.01, 1])]) {
      const y = f.filt(u, 1, dt, [0.7]);
      for (const v of y) expect(v).toBeCloseTo(0.7, 12);
    }
    const two = new LinearFilter([1], [1e-4, 0.02, 1]).filt(Float64Array.of(1, 2, 1, 2), 2, dt, [1, 2]);
    for (let k = 0; k < 4; k++) expect(two[k]).toBeCloseTo(k % 2 === 0 ? 1 : 2, 12);
  });

  it("refuses y0 when the DC gain is zero", () => {
    const highpass = new LinearFilter([0.01, 0], [0.01, 1]);
    expect(() => highpass.filt(new Float64Array(3), 1, dt, [1])).toThrow(/DC gain is zero/);
    expect(highpass.filt(new Float64Array(3), 1, dt, [0])).toEqual(new Float64Array(3));
  });

  it("discretises with the bilinear, euler and backward_diff methods", () => {
    const tau = 0.01;
    const euler = new LinearFilter([1], [tau, 1], { method: "euler" }).discretize(dt);
    expect(euler.a[0]).toBeCloseTo(1 - dt / tau, 15);
    expect(elemAt(euler.b, 0) * elemAt(euler.c, 0)).toBeCloseTo(dt / tau, 15);
    const back = new LinearFilter([1], [tau, 1], { method: "backward_diff" }).discretize(dt);
    expect(back.a[0]).toBeCloseTo(1 / (1 + dt / tau), 15);
    const tustin = new LinearFilter([1], [tau, 1], { method: "bilinear" }).discretize(dt);
    expect(tustin.a[0]).toBeCloseTo((1 - dt / (2 * tau)) / (1 + dt / (2 * tau)), 15);
    expect(tustin.d).not.toBe(0);
  });

  it("combines in series by multiplying transfer functions", () => {
    const c = new LinearFilter([1], [0.01, 1]).combine(new LinearFilter([1], [0.02, 1]));
    expect(c.num).toEqual([1]);
    expect(c.den[0]).toBeCloseTo(0.0002, 18);
    expect(c.den[1]).toBeCloseTo(0.03, 15);
    expect(() => c.combine(new LinearFilter([1], [1, -0.5], { analog: false }))).toThrow(ValidationError);
  });

  it("validates its coefficients, dt and the state buffer", () => {
    expect(() => new LinearFilter([], [1])).toThrow(ValidationError);
    expect(() => new LinearFilter([1], [0, 0])).toThrow(/non-zero/);
    expect(() => new LinearFilter([1, 2, 3], [1, 1])).toThrow(/improper/);
    expect(() => new LinearFilter([Number.NaN], [1, 1])).toThrow(ValidationError);
    expect(() => new LinearFilter([1], [1, 1], { method: "gbt" as "zoh" })).toThrow(/method/);
    const f = new LinearFilter([1], [1e-4, 0.02, 1]);
    expect(() => f.discretize(0)).toThrow(/dt/);
    expect(f.stateSize(dt)).toBe(2);
    expect(() => f.makeStepper(dt, 3, new Float64Array(5))).toThrow(/6 entries/);
  });

  it("steps in place in the given state view without allocating new state", () => {
    const f = new LinearFilter([1], [1e-4, 0.02, 1]);
    const arena = new Float64Array(10);
    const view = arena.subarray(2, 6);
    const s = f.makeStepper(dt, 2, view);
    const out = new Float64Array(2);
    s.step(Float64Array.of(1, -1), out);
    expect(s.state).toBe(view);
    expect(arena[2]).not.toBe(0);
    expect(arena[0]).toBe(0);
    expect(arena[6]).toBe(0);
  });

  it("refuses, as a ValidationError naming it, a filter whose discretisation is not finite (unstable far beyond dt)", () => {
    const f = new LinearFilter([1], [1, -1e6]);
    expect(() => f.discretize(0.001)).toThrow(ValidationError);
    expect(() => f.makeStepper(0.001, 1)).toThrow(/LinearFilter\(\[1\], \[1, -1000000\]\): discretising it for dt = 0.001 s gives non-finite coefficients/);
  });
});
