import { describe, expect, it } from "vitest";
import { Rng } from "../../Rng.js";
import { f64At } from "../checked.js";
import { nnls } from "./nnls.js";
import { randomMatrix } from "./testMatrices.js";

/** The KKT conditions of min ‖Ax − b‖ s.t. x ≥ 0: x ≥ 0, w = Aᵀ(b − Ax) ≤ 0, and w_i = 0 where x_i > 0. */
function expectKkt(A: Float64Array, m: number, n: number, b: Float64Array, x: Float64Array, tol: number): void {
  const r = Float64Array.from(b);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) r[i] = f64At(r, i) - f64At(A, i * n + j) * f64At(x, j);
  for (let j = 0; j < n; j++) {
    let w = 0;
    for (let i = 0; i < m; i++) w += f64At(A, i * n + j) * f64At(r, i);
    expect(f64At(x, j)).toBeGreaterThanOrEqual(0);
    expect(w).toBeLessThan(tol);
    if (f64At(x, j) > 0) expect(Math.abs(w)).toBeLessThan(tol);
  }
}

describe("nnls (Lawson–Hanson as scipy.optimize.nnls)", () => {
  it("scipy's docstring examples", () => {
    const A = Float64Array.of(1, 0, 1, 0, 0, 1);
    const r1 = nnls(A, 3, 2, Float64Array.of(2, 1, 1));
    expect(r1.x[0]).toBeCloseTo(1.5, 14);
    expect(r1.x[1]).toBeCloseTo(1, 14);
    expect(r1.rnorm).toBeCloseTo(Math.SQRT1_2, 15);
    const r2 = nnls(A, 3, 2, Float64Array.of(-1, -1, -1));
    expect(Array.from(r2.x)).toEqual([0, 0]);
    expect(r2.rnorm).toBeCloseTo(Math.sqrt(3), 15);
  });

  const rng = new Rng(4);
  for (const [m, n] of [
    [20, 8],
    [8, 20],
    [40, 40],
  ] as const) {
    it(`satisfies the KKT conditions on random problems (${m} × ${n})`, () => {
      for (let trial = 0; trial < 5; trial++) {
        const A = randomMatrix(rng, m, n);
        const b = randomMatrix(rng, m, 1);
        const { x, rnorm, converged } = nnls(A, m, n, b);
        expect(converged).toBe(true);
        expectKkt(A, m, n, b, x, 1e-9);
        let ss = 0;
        for (let i = 0; i < m; i++) {
          let ax = 0;
          for (let j = 0; j < n; j++) ax += f64At(A, i * n + j) * f64At(x, j);
          ss += (f64At(b, i) - ax) ** 2;
        }
        expect(rnorm).toBeCloseTo(Math.sqrt(ss), 10);
      }
    });
  }
});
