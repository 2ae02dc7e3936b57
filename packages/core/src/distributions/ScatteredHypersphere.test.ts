import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { Rng } from "../Rng.js";
import { CosineSimilarity } from "./CosineSimilarity.js";
import { ScatteredHypersphere, type ScatteredHypersphereMethod } from "./ScatteredHypersphere.js";
import { UniformHypersphere } from "./UniformHypersphere.js";

function norms(x: Float64Array, n: number, d: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.hypot(...x.subarray(i * d, i * d + d)));
}

/**
 * The mean absolute deviation, over random caps {x : x·v > t}, of the fraction of points in the
 * cap from the cap's probability under the uniform distribution (on the sphere, or in the ball
 * when `ball`): a spherical-cap discrepancy.
 */
function capDiscrepancy(x: Float64Array, n: number, d: number, ball: boolean, rng: Rng): number {
  const dot = new CosineSimilarity(ball ? d + 2 : d);
  const dirs = new UniformHypersphere({ surface: true }).sample(200, d, rng);
  let total = 0;
  let count = 0;
  for (let c = 0; c < 200; c++) {
    for (const t of [-0.6, -0.2, 0.1, 0.4, 0.7]) {
      let inside = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += elemAt(x, i * d + j) * elemAt(dirs, c * d + j);
        if (s > t) inside++;
      }
      total += Math.abs(inside / n - (1 - dot.cdf(t)));
      count++;
    }
  }
  return total / count;
}

describe("ScatteredHypersphere", () => {
  const methods: ScatteredHypersphereMethod[] = ["sct-approx", "sct", "tfww"];

  it("maps cube points onto the sphere: Nengo's SCT and TFWW give unit vectors", () => {
    const rng = new Rng(2);
    for (const m of [1, 2, 3, 4, 7]) {
      const cube = new Float64Array(20 * m);
      for (let i = 0; i < cube.length; i++) cube[i] = rng.random();
      for (const y of [ScatteredHypersphere.sphericalTransformSct(cube, 20, m), ScatteredHypersphere.sphericalTransformTfww(cube, 20, m)]) {
        for (const r of norms(y, 20, m + 1)) expect(r).toBeCloseTo(1, 12);
      }
    }
    // one remaining dimension: the coordinate's inverse CDF is the identity (a uniform angle)
    expect(ScatteredHypersphere.sphericalCoordsPpf(1, 0.3)).toBeCloseTo(0.3, 12);
    expect(ScatteredHypersphere.sphericalCoordsPpf(4, 0.5)).toBeCloseTo(0.5, 12);
  });

  it("samples unit vectors on the surface for every method and dimension", () => {
    for (const method of methods) {
      for (const d of [2, 3, 4, 6, 16]) {
        const x = new ScatteredHypersphere({ surface: true, method }).sample(300, d, new Rng(d));
        for (const r of norms(x, 300, d)) expect(r).toBeCloseTo(1, 10);
      }
    }
  });

  it("samples the ball with radii in [minMagnitude, 1] distributed as r^d", () => {
    const d = 3;
    const n = 3000;
    const r = norms(new ScatteredHypersphere().sample(n, d, new Rng(5)), n, d);
    for (const v of r) expect(v).toBeLessThanOrEqual(1 + 1e-12);
    for (const q of [0.3, 0.6, 0.9]) expect(Math.abs(r.filter((v) => v <= q).length / n - q ** d)).toBeLessThan(0.01);
    const rm = norms(new ScatteredHypersphere({ minMagnitude: 0.4 }).sample(500, 4, new Rng(6)), 500, 4);
    expect(Math.min(...rm)).toBeGreaterThanOrEqual(0.4 - 1e-12);
  });

  it("is more evenly scattered than UniformHypersphere (lower cap discrepancy)", () => {
    for (const [d, surface] of [
      [2, true],
      [3, true],
      [5, true],
      [3, false],
      [4, false],
    ] as const) {
      const n = 400;
      let scattered = 0;
      let uniform = 0;
      for (const seed of [1, 2, 3]) {
        scattered += capDiscrepancy(new ScatteredHypersphere({ surface }).sample(n, d, new Rng(seed)), n, d, !surface, new Rng(99));
        uniform += capDiscrepancy(new UniformHypersphere({ surface }).sample(n, d, new Rng(seed)), n, d, !surface, new Rng(99));
      }
      expect(scattered).toBeLessThan(0.6 * uniform);
    }
  });

  it("handles one dimension as Nengo: ±1 on the surface, a balanced tiling of [-1, 1] in the ball", () => {
    const s = new ScatteredHypersphere({ surface: true }).sample(100, 1, new Rng(1));
    expect(s.filter((v) => v === 1).length).toBe(50);
    expect(s.filter((v) => v === -1).length).toBe(50);
    const b = new ScatteredHypersphere({ minMagnitude: 0.2 }).sample(101, 1, new Rng(1));
    expect(b.filter((v) => v > 0).length).toBe(50);
    for (const v of b) expect(Math.abs(v)).toBeGreaterThanOrEqual(0.2);
    for (const v of b) expect(Math.abs(v)).toBeLessThan(1);
  });

  it("draws its rotation from the rng: reproducible per seed, different across seeds", () => {
    const h = new ScatteredHypersphere({ surface: true });
    expect(h.sample(10, 3, new Rng(4))).toEqual(h.sample(10, 3, new Rng(4)));
    expect(h.sample(10, 3, new Rng(4))).not.toEqual(h.sample(10, 3, new Rng(5)));
  });

  it("validates its options", () => {
    expect(() => new ScatteredHypersphere({ minMagnitude: -0.1 })).toThrow(ValidationError);
    expect(() => new ScatteredHypersphere({ method: "rd" as "sct" })).toThrow(/method/);
    expect(() => new ScatteredHypersphere().sample(5, 0, new Rng(0))).toThrow(/positive/);
  });
});
