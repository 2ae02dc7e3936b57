import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { Rng } from "../Rng.js";
import { UniformHypersphere } from "./UniformHypersphere.js";

function norms(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += elemAt(x, i * d + j) ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

describe("UniformHypersphere", () => {
  it("samples unit vectors on the surface, centred at 0", () => {
    for (const d of [1, 2, 5]) {
      const n = 4000;
      const x = new UniformHypersphere({ surface: true }).sample(n, d, new Rng(d));
      for (const r of norms(x, n, d)) expect(r).toBeCloseTo(1, 12);
      for (let j = 0; j < d; j++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += elemAt(x, i * d + j) / n;
        expect(Math.abs(m)).toBeLessThan(0.05);
      }
    }
  });

  it("fills the ball uniformly: P(|x| <= r) = r^d, above minMagnitude", () => {
    const d = 3;
    const n = 20000;
    const r = norms(new UniformHypersphere().sample(n, d, new Rng(7)), n, d);
    for (const q of [0.3, 0.6, 0.9]) expect(Math.abs(r.filter((v) => v <= q).length / n - q ** d)).toBeLessThan(0.015);
    const rm = norms(new UniformHypersphere({ minMagnitude: 0.5 }).sample(2000, d, new Rng(8)), 2000, d);
    expect(Math.min(...rm)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...rm)).toBeLessThanOrEqual(1);
  });

  it("validates minMagnitude and d", () => {
    expect(() => new UniformHypersphere({ minMagnitude: 1 })).toThrow(ValidationError);
    expect(() => new UniformHypersphere().sample(3, 0, new Rng(0))).toThrow(/positive/);
  });
});
