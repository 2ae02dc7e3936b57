import { describe, expect, it } from "vitest";
import { elemAt } from "../internal/checked.js";
import { Rng } from "../Rng.js";
import { QuasirandomSequence } from "./QuasirandomSequence.js";
import { Uniform } from "./Uniform.js";

/** The largest deviation of box counts from n·area over a g × g grid of cells. */
function gridDiscrepancy(x: Float64Array, n: number, g: number): number {
  const counts = new Float64Array(g * g);
  for (let i = 0; i < n; i++) {
    const cell = Math.floor(elemAt(x, 2 * i) * g) * g + Math.floor(elemAt(x, 2 * i + 1) * g);
    counts[cell] = elemAt(counts, cell) + 1;
  }
  return Math.max(...counts.map((c) => Math.abs(c - n / (g * g))));
}

describe("QuasirandomSequence", () => {
  it("computes phi_d, the root of x^(d+1) = x + 1 (the golden ratio for d = 1)", () => {
    expect(QuasirandomSequence.phi(1)).toBeCloseTo((1 + Math.sqrt(5)) / 2, 12);
    const p2 = QuasirandomSequence.phi(2);
    expect(p2 ** 3).toBeCloseTo(p2 + 1, 12);
  });

  it("tiles [0, 1) evenly in one dimension, shuffled", () => {
    const n = 50;
    const x = new QuasirandomSequence().sample(n, 1, new Rng(3));
    const sorted = [...x].sort((a, b) => a - b);
    for (let i = 1; i < n; i++) expect(elemAt(sorted, i) - elemAt(sorted, i - 1)).toBeCloseTo(1 / n, 12);
    expect([...x]).not.toEqual(sorted);
  });

  it("covers the square more evenly than uniform random points", () => {
    const n = 1000;
    const q = new QuasirandomSequence().sample(n, 2, new Rng(1));
    for (const v of q) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    const u = new Uniform(0, 1).sample(n, 2, new Rng(1));
    expect(gridDiscrepancy(q, n, 10)).toBeLessThan(0.5 * gridDiscrepancy(u, n, 10));
  });
});
