import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { BuildError, ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { randomActivities, randomMatrix, relativeError } from "../internal/linalg/testMatrices.js";
import { Rng } from "../Rng.js";
import { choleskyL2 } from "./internal/choleskyL2.js";
import { LstsqL2 } from "./LstsqL2.js";
import { LstsqL2nz } from "./LstsqL2nz.js";

describe("LstsqL2", () => {
  const rng = new Rng(21);

  it("validates its options and the sizes it is given", () => {
    expect(() => new LstsqL2({ reg: -1 })).toThrow(ValidationError);
    expect(() => new LstsqL2nz({ reg: Number.NaN })).toThrow(/LstsqL2nz.reg: must be a finite number >= 0/);
    const s = new LstsqL2();
    expect(() => s.solve(new Float64Array(6), new Float64Array(3), 3, 3, 1)).toThrow(/LstsqL2.A: must hold m·n = 3·3 = 9/);
    expect(() => s.solve(new Float64Array(6), new Float64Array(4), 3, 2, 1)).toThrow(/LstsqL2.Y: must hold m·d/);
    expect(() => s.solveMany(new Float64Array(6), [new Float64Array(3)], 3, 2, [1, 2])).toThrow(ValidationError);
    expect(s.kind).toBe("LstsqL2");
    expect(new LstsqL2nz().kind).toBe("LstsqL2nz");
    expect(new LstsqL2({ weights: true }).weights).toBe(true);
  });

  it("uses sigma = reg · max(A) and reports it", () => {
    const [m, n] = [40, 12];
    const A = randomActivities(rng, m, n);
    let max = 0;
    for (const v of A) max = Math.max(max, v);
    const r = new LstsqL2({ reg: 0.05 }).solve(A, randomMatrix(rng, m, 2), m, n, 2);
    expect(r.info["sigma"]).toBe(0.05 * max);
    expect(r.decoders.length).toBe(n * 2);
  });

  it("solveMany gives each target what solve gives it, on both engines", () => {
    for (const [m, n] of [
      [60, 25],
      [2400, 300],
    ] as const) {
      const A = randomActivities(rng, m, n);
      const Y1 = randomMatrix(rng, m, 3);
      const Y2 = randomMatrix(rng, m, 1);
      const s = new LstsqL2();
      const [r1, r2] = s.solveMany(A, [Y1, Y2], m, n, [3, 1]);
      const a1 = s.solve(A, Y1, m, n, 3);
      const a2 = s.solve(A, Y2, m, n, 1);
      expect(Array.from(defined(r1).decoders)).toEqual(Array.from(a1.decoders));
      expect(Array.from(defined(r2).decoders)).toEqual(Array.from(a2.decoders));
      expect(Array.from(defined(r2).rmses)).toEqual(Array.from(a2.rmses));
    }
  });

  it("large systems (WebAssembly engine) agree with the plain-JS path", () => {
    const [m, n, d] = [3000, 280, 4];
    const A = randomActivities(rng, m, n);
    const Y = randomMatrix(rng, m, d);
    for (const solver of [new LstsqL2(), new LstsqL2nz({ reg: 0.2 })]) {
      const r = solver.solve(A, Y, m, n, d);
      const sigma = defined(r.info["sigma"]);
      const ref = choleskyL2(solver.kind, A, m, n, [Y], [d], sigma, false, "js");
      expect(relativeError(r.decoders, elemAt(ref.decoders, 0))).toBeLessThan(1e-10);
      expect(relativeError(r.rmses, elemAt(ref.rmses, 0))).toBeLessThan(1e-12);
    }
  });

  it("uses the transposed form when there are fewer eval points than neurons", () => {
    const [m, n] = [15, 40];
    const A = randomActivities(rng, m, n);
    const Y = randomMatrix(rng, m, 1);
    const r = new LstsqL2().solve(A, Y, m, n, 1);
    const sigma = r.info["sigma"] as number;
    const primal = choleskyL2("LstsqL2", A, m, n, [Y], [1], sigma, false, "js");
    // Both forms give the same ridge solution, up to rounding.
    expect(relativeError(r.decoders, elemAt(primal.decoders, 0))).toBeLessThan(1e-8);
  });

  it("throws BuildError when the system is singular (reg = 0 and a silent neuron)", () => {
    const [m, n] = [50, 10];
    const A = randomMatrix(rng, m, n).map(Math.abs);
    for (let k = 0; k < m; k++) A[k * n + 3] = 0;
    expect(() => new LstsqL2({ reg: 0 }).solve(A, randomMatrix(rng, m, 1), m, n, 1)).toThrow(BuildError);
  });

  it("LstsqL2nz gives silent neurons the largest sigma and zero decoders", () => {
    const [m, n] = [30, 6];
    const A = randomMatrix(rng, m, n).map((v) => Math.max(v, 0));
    for (let k = 0; k < m; k++) A[k * n + 2] = 0;
    const r = new LstsqL2nz().solve(A, randomMatrix(rng, m, 2), m, n, 2);
    const sigma = r.info["sigma"] as Float64Array;
    expect(sigma[2]).toBe(Math.max(...sigma));
    expect(r.decoders[4]).toBe(0);
    expect(r.decoders[5]).toBe(0);
  });
});
