import { describe, expect, it } from "vitest";
import { elemAt } from "../internal/checked.js";
import { matmul } from "../internal/expm.js";
import { Rng } from "../Rng.js";
import { polarFactor, randomOrthogonal } from "./randomOrthogonal.js";

describe("randomOrthogonal", () => {
  it("returns orthogonal matrices", () => {
    for (const d of [1, 2, 3, 8, 40]) {
      const q = randomOrthogonal(d, new Rng(d));
      const qt = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) qt[i * d + j] = elemAt(q, j * d + i);
      const p = matmul(q, qt, d, d, d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(p[i * d + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });

  it("takes the polar factor U Vᵀ: the orthogonal Q with Qᵀ M symmetric positive definite", () => {
    const m = Float64Array.of(2, 1, 0.5, 3);
    const q = polarFactor(m, 2);
    const qtm = matmul(Float64Array.of(elemAt(q, 0), elemAt(q, 2), elemAt(q, 1), elemAt(q, 3)), m, 2, 2, 2);
    expect(qtm[1]).toBeCloseTo(elemAt(qtm, 2), 12);
    expect(qtm[0]).toBeGreaterThan(0);
    expect(elemAt(qtm, 0) * elemAt(qtm, 3) - elemAt(qtm, 1) * elemAt(qtm, 2)).toBeGreaterThan(0);
  });
});
