import { describe, expect, it } from "vitest";
import { elemAt } from "./checked.js";
import { expm, matmul, onenorm, solve } from "./expm.js";

function close(actual: Float64Array, expected: ArrayLike<number>, tol = 1e-13): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(elemAt(expected, i)));
  for (let i = 0; i < expected.length; i++) expect(Math.abs(elemAt(actual, i) - elemAt(expected, i))).toBeLessThanOrEqual(tol * scale);
}

/** A reproducible pseudo-random matrix (no Rng needed for a fixed test input). */
function matrix(n: number, scale: number, seed: number, upper = false): Float64Array {
  const a = new Float64Array(n * n);
  let s = seed;
  for (let i = 0; i < n * n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    a[i] = upper && Math.floor(i / n) > i % n ? 0 : scale * ((s / 2 ** 32) * 2 - 1);
  }
  return a;
}

describe("expm", () => {
  it("handles the empty and 1 × 1 cases", () => {
    expect(expm(new Float64Array(0), 0).length).toBe(0);
    expect(expm(Float64Array.of(0.3), 1)[0]).toBe(Math.exp(0.3));
  });

  it("exponentiates diagonal and nilpotent matrices exactly", () => {
    close(expm(Float64Array.of(-2, 0, 0, 0.5), 2), [Math.exp(-2), 0, 0, Math.exp(0.5)]);
    close(expm(Float64Array.of(0, 1, 0, 0), 2), [1, 1, 0, 1]);
    close(expm(Float64Array.of(0, 1, 0, 0, 0, 1, 0, 0, 0), 3), [1, 1, 0.5, 0, 1, 1, 0, 0, 1]);
  });

  it("gives rotations for skew-symmetric matrices, across the Padé orders and scaling", () => {
    for (const theta of [1e-4, 0.01, 0.2, 0.9, 2, 7, 40]) {
      close(expm(Float64Array.of(0, -theta, theta, 0), 2), [Math.cos(theta), -Math.sin(theta), Math.sin(theta), Math.cos(theta)], 1e-12);
    }
  });

  it("matches the zero-order-hold discretisation of a lowpass (upper-triangular, fragment 2.1)", () => {
    for (const [tau, dt] of [
      [0.005, 0.001],
      [0.1, 0.0005],
      [1e-4, 0.01],
    ] as const) {
      const a = Math.exp(-dt / tau);
      close(expm(Float64Array.of(-dt / tau, dt, 0, 0), 2), [a, tau * (1 - a), 0, 1], 1e-14);
    }
  });

  it("satisfies expm(A) expm(-A) = I and expm(2A) = expm(A)²", () => {
    for (const n of [2, 3, 5]) {
      for (const scale of [0.001, 0.1, 0.6, 1.5, 4, 12]) {
        for (const upper of [false, true]) {
          const a = matrix(n, scale, n * 100 + scale * 10, upper);
          const minus = a.map((x) => -x);
          const eye = new Float64Array(n * n);
          for (let i = 0; i < n; i++) eye[i * n + i] = 1;
          const e = expm(a, n);
          const tol = 1e-12 * Math.max(1, onenorm(e, n) * onenorm(expm(minus, n), n));
          close(matmul(e, expm(minus, n), n, n, n), eye, tol);
          close(
            expm(
              a.map((x) => 2 * x),
              n,
            ),
            matmul(e, e, n, n, n),
            1e-11,
          );
        }
      }
    }
  });

  it("rejects a wrong size", () => {
    expect(() => expm(new Float64Array(3), 2)).toThrow(RangeError);
  });
});

describe("solve", () => {
  it("solves with partial pivoting and reports singular matrices", () => {
    const a = Float64Array.of(0, 2, 1, 1);
    close(solve(a, Float64Array.of(4, 3), 2, 1), [1, 2]);
    expect(() => solve(Float64Array.of(1, 2, 2, 4), Float64Array.of(1, 1), 2, 1)).toThrow(RangeError);
  });
});
