import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import { Rng, deriveSeed } from "./Rng.js";

describe("Rng", () => {
  it("gives the same bits for the same seed and different bits for another", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 8 }, () => a.nextUint32());
    const xb = Array.from({ length: 8 }, () => b.nextUint32());
    const xc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it("restarts on reset", () => {
    const a = new Rng(7);
    const first = [a.random(), a.normal(), a.integer(10)];
    a.reset();
    expect([a.random(), a.normal(), a.integer(10)]).toEqual(first);
  });

  it("draws uniform and normal values with the right moments", () => {
    const rng = new Rng(1);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.random();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  it("permutes without losing or repeating indices", () => {
    const p = Array.from(new Rng(3).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("derives stable, distinct seeds from a path", () => {
    expect(deriveSeed(0, "Ensemble", 1)).toBe(deriveSeed(0, "Ensemble", 1));
    expect(deriveSeed(0, "Ensemble", 1)).not.toBe(deriveSeed(0, "Ensemble", 2));
    expect(deriveSeed(0, "Ensemble", 1)).not.toBe(deriveSeed(1, "Ensemble", 1));
  });

  it("continues a stream exactly from getState (spare normal included) and refuses a malformed state", () => {
    const a = new Rng(42);
    for (let i = 0; i < 5; i++) a.uniform();
    a.normal(); // leaves a spare normal draw
    const state = a.getState();
    const expected = [a.normal(), a.nextUint32(), a.random(), a.normal(), a.normal()];
    const b = new Rng(7);
    b.setState(state);
    expect([b.normal(), b.nextUint32(), b.random(), b.normal(), b.normal()]).toEqual(expected);
    expect(() => b.setState([1, 2, 3])).toThrow(ValidationError);
    expect(() => b.setState([1, 0, 0, 0, 0, 0, 0])).toThrow(ValidationError);
    expect(() => b.setState([1, 1.5, 2, 3, 4, 0, 0])).toThrow(ValidationError);
  });

  it("rejects seeds that are not integers", () => {
    expect(() => new Rng(0.5)).toThrow(RangeError);
  });
});
