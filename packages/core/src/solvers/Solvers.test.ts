import { describe, expect, it } from "vitest";
import { BuildError, ValidationError } from "../errors.js";
import { f64At } from "../internal/checked.js";
import { randomActivities, randomMatrix, relativeError } from "../internal/linalg/testMatrices.js";
import { Rng } from "../Rng.js";
import { Lstsq } from "./Lstsq.js";
import { LstsqDrop } from "./LstsqDrop.js";
import { LstsqL2 } from "./LstsqL2.js";
import { LstsqMultNoise } from "./LstsqMultNoise.js";
import { LstsqNoise } from "./LstsqNoise.js";
import { Nnls } from "./Nnls.js";
import { NnlsL2 } from "./NnlsL2.js";
import { NnlsL2nz } from "./NnlsL2nz.js";
import { NoSolver } from "./NoSolver.js";

// Behaviour of the solvers that solvers.json does not cover.
describe("solvers", () => {
  const rng = new Rng(22);
  const [m, n, d] = [80, 20, 2];
  const A = randomActivities(rng, m, n);
  const Y = randomMatrix(rng, m, d);

  it("Lstsq: exact on consistent full-rank systems, residuals only when overdetermined", () => {
    const B = randomMatrix(rng, 30, 5);
    const X = randomMatrix(rng, 5, 2);
    const BX = new Float64Array(30 * 2);
    for (let i = 0; i < 30; i++)
      for (let c = 0; c < 2; c++) for (let p = 0; p < 5; p++) BX[i * 2 + c] = f64At(BX, i * 2 + c) + f64At(B, i * 5 + p) * f64At(X, p * 2 + c);
    const r = new Lstsq({ rcond: 1e-12 }).solve(B, BX, 30, 5, 2);
    expect(relativeError(r.decoders, X)).toBeLessThan(1e-12);
    expect(r.info["rank"]).toBe(5);
    expect((r.info["residuals"] as Float64Array).length).toBe(2);
    const wide = new Lstsq().solve(randomMatrix(rng, 5, 30), randomMatrix(rng, 5, 1), 5, 30, 1);
    expect((wide.info["residuals"] as Float64Array).length).toBe(0);
    expect(() => new Lstsq({ rcond: -1 })).toThrow(ValidationError);
  });

  it("Nnls, NnlsL2, NnlsL2nz give non-negative decoders", () => {
    for (const s of [new Nnls(), new NnlsL2(), new NnlsL2nz()]) {
      const r = s.solve(A, Y, m, n, d);
      expect(r.decoders.every((x) => x >= 0)).toBe(true);
      expect(r.rmses.length).toBe(d);
      expect((r.info["residuals"] as Float64Array).length).toBe(d);
    }
    expect(new NnlsL2nz().kind).toBe("NnlsL2nz");
  });

  it("LstsqNoise and LstsqMultNoise need an rng and repeat with the same seed", () => {
    for (const s of [new LstsqNoise(), new LstsqMultNoise({ noise: 0.2 })]) {
      expect(() => s.solve(A, Y, m, n, d)).toThrow(/rng/);
      const a = s.solve(A, Y, m, n, d, new Rng(7));
      const b = s.solve(A, Y, m, n, d, new Rng(7));
      expect(Array.from(a.decoders)).toEqual(Array.from(b.decoders));
      const c = s.solve(A, Y, m, n, d, new Rng(8));
      expect(Array.from(a.decoders)).not.toEqual(Array.from(c.decoders));
    }
    expect(new LstsqMultNoise().kind).toBe("LstsqMultNoise");
  });

  it("LstsqDrop zeroes the smallest coefficients and refits the rest", () => {
    const drop = new LstsqDrop({ drop: 0.5 });
    const r = drop.solve(A, Y, m, n, d);
    const zeros = Array.from(r.decoders).filter((x) => x === 0).length;
    expect(zeros).toBeGreaterThanOrEqual(Math.floor((n * d) / 2) - 1);
    // drop = 0 keeps every coefficient and refits each column with solver2 alone.
    const keep = new LstsqDrop({ drop: 0, solver2: new LstsqL2({ reg: 0.1 }) }).solve(A, Y, m, n, d);
    const direct = new LstsqL2({ reg: 0.1 }).solve(A, Y, m, n, d);
    expect(relativeError(keep.decoders, direct.decoders)).toBeLessThan(1e-10);
    expect(() => new LstsqDrop({ drop: 1.5 })).toThrow(ValidationError);
    expect(() => new LstsqDrop({ drop: 1 }).solve(A, Y, m, n, d)).toThrow(BuildError);
  });

  it("NoSolver returns its values (or zeros)", () => {
    expect(Array.from(new NoSolver().solve(A, Y, m, n, d).decoders)).toEqual(new Array(n * d).fill(0));
    const values = Float64Array.from({ length: n * d }, (_, i) => i);
    expect(Array.from(new NoSolver({ values }).solve(A, Y, m, n, d).decoders)).toEqual(Array.from(values));
    expect(() => new NoSolver({ values }).solve(A, randomMatrix(rng, m, 3), m, n, 3)).toThrow(/NoSolver.values/);
  });
});
