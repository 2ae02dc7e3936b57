import { Rng } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../../test/support/defined.js";
import { CmaEs } from "./CmaEs.js";
import { symmetricEigen } from "./symmetricEigen.js";

function minimise(f: (x: Float64Array) => number, x0: number[], sigma0: number, generations: number, seed = 1): { best: number; es: CmaEs } {
  const es = new CmaEs({ x0: Float64Array.from(x0), sigma0, rng: new Rng(seed) });
  let best = Infinity;
  for (let g = 0; g < generations; g++) {
    const xs = es.ask();
    const fs = xs.map(f);
    for (const v of fs) if (v < best) best = v;
    es.tell(fs);
  }
  return { best, es };
}

describe("symmetricEigen", () => {
  it("reconstructs a symmetric matrix from its eigenpairs", () => {
    const rng = new Rng(3);
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += defined(vectors[i * n + k]) * defined(values[k]) * defined(vectors[j * n + k]);
        expect(s).toBeCloseTo(defined(a[i * n + j]), 12);
      }
    }
  });
});

describe("CmaEs", () => {
  it("uses Hansen's default population and weights", () => {
    const es = new CmaEs({ x0: new Float64Array(10), sigma0: 1, rng: new Rng(0) });
    expect(es.lambda).toBe(4 + Math.floor(3 * Math.log(10)));
    expect(es.mu).toBe(Math.floor(es.lambda / 2));
    expect(es.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(es.muEff).toBeGreaterThan(1);
  });

  it("minimises the sphere function", () => {
    const sphere = (x: Float64Array): number => x.reduce((s, v) => s + v * v, 0);
    const { best } = minimise(sphere, [1, -2, 3, 0.5, -1], 1, 150);
    expect(best).toBeLessThan(1e-10);
  });

  it("learns an ill-conditioned ellipsoid (covariance adaptation)", () => {
    const n = 6;
    const ellipsoid = (x: Float64Array): number => x.reduce((s, v, i) => s + 1e6 ** (i / (n - 1)) * v * v, 0);
    const { best, es } = minimise(ellipsoid, Array(n).fill(1), 1, 400);
    expect(best).toBeLessThan(1e-8);
    expect(es.conditionNumber).toBeGreaterThan(1e4);
  });

  it("minimises Rosenbrock's function", () => {
    const rosen = (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < x.length - 1; i++) s += 100 * (defined(x[i + 1]) - defined(x[i]) ** 2) ** 2 + (1 - defined(x[i])) ** 2;
      return s;
    };
    const { best } = minimise(rosen, [0, 0, 0, 0], 0.5, 600);
    expect(best).toBeLessThan(1e-8);
  });

  it("is deterministic for a seed and ranks NaN last", () => {
    const f = (x: Float64Array): number => (defined(x[0]) > 2 ? NaN : (defined(x[0]) - 1) ** 2 + defined(x[1]) ** 2);
    const a = minimise(f, [0, 0], 1, 40, 7);
    const b = minimise(f, [0, 0], 1, 40, 7);
    expect(Array.from(a.es.mean)).toEqual(Array.from(b.es.mean));
    expect(a.best).toBeLessThan(1e-6);
  });
});
