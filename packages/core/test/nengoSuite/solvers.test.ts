// Translations of Nengo 4.1's nengo/tests/test_solvers.py (the parts not needing a simulator).
// Systems are built as Nengo's helpers do (LIF tuning curves with max rates U(50, 100) and
// intercepts U(-0.9, 0.9), encoders on the unit sphere, eval points in the unit ball); the
// oracles are the targets themselves (decoding accuracy) or the system (A·x = b), with Nengo's
// tolerances (its `allclose` fixture defaults to rtol 1e-5, atol 1e-8).
//   test_cholesky            → "the L2 (Cholesky) solve of a square system with reg = 0 is the exact solution, in both forms"
//   test_decoder_solver      → "<Solver> decodes x from 100 LIF neurons to relative RMSE < 0.02"
//   test_weight_solver       → "<Solver> weights: solving for encoded targets equals decoders times encoders"
//   test_nnls                → "<Solver> fits x² with non-negative decoders"
//   test_nosolver_validation → "NoSolver refuses values that are not a matrix of numbers"
import { describe, expect, it } from "vitest";
import { expectAllClose } from "../../../../test/support/reference.js";
import {
  LIF,
  Lstsq,
  LstsqDrop,
  LstsqL2,
  LstsqL2nz,
  LstsqMultNoise,
  LstsqNoise,
  Nnls,
  NnlsL2,
  NnlsL2nz,
  NoSolver,
  Rng,
  type Solver,
  UniformHypersphere,
  ValidationError,
} from "../../src/index.js";

const at = (a: ArrayLike<number>, i: number): number => a[i] as number;

/** (p × q)·(q × r), row-major. */
function matmul(a: ArrayLike<number>, b: ArrayLike<number>, p: number, q: number, r: number): Float64Array {
  const out = new Float64Array(p * r);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < q; k++) {
      const aik = at(a, i * q + k);
      for (let j = 0; j < r; j++) out[i * r + j] = at(out, i * r + j) + aik * at(b, k * r + j);
    }
  }
  return out;
}

function transpose(a: ArrayLike<number>, p: number, q: number): Float64Array {
  const out = new Float64Array(p * q);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) out[j * p + i] = at(a, i * q + j);
  return out;
}

function rms(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += at(x, i) ** 2;
  return Math.sqrt(s / x.length);
}

const sub = (a: ArrayLike<number>, b: ArrayLike<number>): Float64Array => Float64Array.from({ length: a.length }, (_, i) => at(a, i) - at(b, i));

/** Nengo's get_encoders (n × d here; Nengo's is its transpose). */
const encoders = (n: number, d: number, rng: Rng): Float64Array => new UniformHypersphere({ surface: true }).sample(n, d, rng);

/** Nengo's get_eval_points: points in the ball, optionally sorted by the first coordinate. */
function evalPoints(m: number, d: number, rng: Rng, sort = false): Float64Array {
  const points = new UniformHypersphere().sample(m, d, rng);
  if (!sort) return points;
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => at(points, i * d) - at(points, j * d));
  const out = new Float64Array(m * d);
  order.forEach((src, dst) => {
    out.set(points.subarray(src * d, (src + 1) * d), dst * d);
  });
  return out;
}

/**
 * Nengo's get_rate_function: x (points × n) → LIF rates. It builds `nengo.LIF(n_neurons)`, whose
 * first argument is tau_rc, so its neurons have tau_rc = n seconds (near-linear tuning curves).
 */
function rateFunction(n: number, rng: Rng): (x: Float64Array) => Float64Array {
  const lif = new LIF({ tauRc: n });
  const maxRates = Float64Array.from({ length: n }, () => rng.uniform(50, 100));
  const intercepts = Float64Array.from({ length: n }, () => rng.uniform(-0.9, 0.9));
  const { gain, bias } = lif.gainBias(maxRates, intercepts);
  return (x) => lif.rates(x, gain, bias);
}

/** Nengo's get_system: activities (m × n) and eval points (m × d). */
function getSystem(m: number, n: number, d: number, rng: Rng, sort = false): { A: Float64Array; x: Float64Array } {
  const x = evalPoints(m, d, rng, sort);
  const e = encoders(n, d, rng);
  const rates = rateFunction(n, rng);
  return { A: rates(matmul(x, transpose(e, n, d), m, d, n)), x };
}

describe("Nengo test_solvers.py", () => {
  it("the L2 (Cholesky) solve of a square system with reg = 0 is the exact solution, in both forms", () => {
    const rng = new Rng(1);
    const [m, n] = [100, 100];
    const A = rng.fillNormal(new Float64Array(m * n));
    const b = rng.fillNormal(new Float64Array(m));
    // numpy's lstsq of a full-rank square system is its solution: A·x = b.
    const x = new LstsqL2({ reg: 0 }).solve(A, b, m, n, 1).decoders;
    expectAllClose(matmul(A, x, m, n, 1), b, { rtol: 1e-5, atol: 1e-8 });
    // the transposed form (more points than neurons): with an extra zero row the solution is the same.
    const A2 = new Float64Array((m + 1) * n);
    A2.set(A);
    const b2 = new Float64Array(m + 1);
    b2.set(b);
    const x2 = new LstsqL2({ reg: 0 }).solve(A2, b2, m + 1, n, 1).decoders;
    expectAllClose(x2, x, { rtol: 1e-5, atol: 1e-8 });
    // Nengo compares with numpy's lstsq at machine precision (rcond=-1), not Lstsq's default 0.01.
    expectAllClose(new Lstsq({ rcond: 0 }).solve(A, b, m, n, 1).decoders, x, { rtol: 1e-5, atol: 1e-8 });
  });

  const decoderSolvers: [string, () => Solver, number][] = [
    ["Lstsq", () => new Lstsq(), 1.5e-2],
    ["LstsqNoise", () => new LstsqNoise(), 0.1],
    ["LstsqL2", () => new LstsqL2(), 1.5e-2],
    ["LstsqL2nz", () => new LstsqL2nz(), 1.5e-2],
    ["LstsqDrop", () => new LstsqDrop(), 0.1],
    ["LstsqMultNoise", () => new LstsqMultNoise(), 0.1],
  ];
  it.each(decoderSolvers)("%s decodes x from 100 LIF neurons to relative RMSE < 0.02", (_name, make, atol) => {
    const rng = new Rng(2);
    const [dims, nNeurons, nPoints] = [1, 100, 1000];
    const rates = rateFunction(nNeurons, rng);
    const eT = transpose(encoders(nNeurons, dims, rng), nNeurons, dims);
    const train = evalPoints(nPoints, dims, rng);
    const aTrain = rates(matmul(train, eT, nPoints, dims, nNeurons));
    const D = make().solve(aTrain, train, nPoints, nNeurons, dims, rng).decoders;
    const test = evalPoints(nPoints, dims, rng, true);
    const est = matmul(rates(matmul(test, eT, nPoints, dims, nNeurons)), D, nPoints, nNeurons, dims);
    expectAllClose(est, test, { atol, rtol: 1e-3 });
    expect(rms(sub(est, test)) / rms(test)).toBeLessThan(0.02);
  });

  const weightSolvers: [string, (weights: boolean) => Solver][] = [
    ["Lstsq", (weights) => new Lstsq({ weights })],
    ["LstsqL2", (weights) => new LstsqL2({ weights })],
    ["LstsqL2nz", (weights) => new LstsqL2nz({ weights })],
  ];
  it.each(weightSolvers)("%s weights: solving for encoded targets equals decoders times encoders", (_name, make) => {
    const rng = new Rng(3);
    const [dims, na, nb, nPoints] = [2, 100, 101, 1000];
    const rates = rateFunction(na, rng);
    const eaT = transpose(encoders(na, dims, rng), na, dims);
    const ebT = transpose(encoders(nb, dims, rng), nb, dims);
    const train = evalPoints(nPoints, dims, rng);
    const aTrain = rates(matmul(train, eaT, nPoints, dims, na));
    const D = make(false).solve(aTrain, train, nPoints, na, dims, rng).decoders;
    const W1 = matmul(D, ebT, na, dims, nb);
    const solver = make(true);
    expect(solver.weights).toBe(true);
    const W2 = solver.solve(aTrain, matmul(train, ebT, nPoints, dims, nb), nPoints, na, nb, rng).decoders;
    const test = evalPoints(nPoints, dims, rng);
    const aTest = rates(matmul(test, eaT, nPoints, dims, na));
    const tol = { rtol: 1e-5, atol: 1e-8 };
    expectAllClose(matmul(aTest, W2, nPoints, na, nb), matmul(aTest, W1, nPoints, na, nb), tol);
    expectAllClose(W2, W1, tol);
  });

  const nnlsSolvers: [string, () => Solver][] = [
    ["Nnls", () => new Nnls()],
    ["NnlsL2", () => new NnlsL2()],
    ["NnlsL2nz", () => new NnlsL2nz()],
  ];
  it.each(nnlsSolvers)("%s fits x² with non-negative decoders", (_name, make) => {
    const rng = new Rng(4);
    const { A, x } = getSystem(500, 100, 1, rng, true);
    const y = x.map((v) => v * v);
    const d = make().solve(A, y, 500, 100, 1, rng).decoders;
    const yest = matmul(A, d, 500, 100, 1);
    expectAllClose(yest, y, { atol: 0.05, rtol: 0.001 });
    expect(rms(sub(yest, y)) / rms(y)).toBeLessThan(0.03);
    expect(d.every((v) => v >= 0)).toBe(true);
  });

  it("NoSolver refuses values that are not a matrix of numbers", () => {
    expect(() => new NoSolver({ values: "test" as unknown as Float64Array })).toThrow(ValidationError);
    expect(() => new NoSolver({ values: Float64Array.of(1, Number.NaN) })).toThrow(ValidationError);
    const ok = new NoSolver({ values: Float64Array.of(1, 1) });
    expect(Array.from(ok.solve(new Float64Array(6), new Float64Array(3), 3, 2, 1).decoders)).toEqual([1, 1]);
    // values of the wrong size for the system (Nengo: not an n × d array)
    expect(() => ok.solve(new Float64Array(6), new Float64Array(6), 3, 2, 2)).toThrow(ValidationError);
  });
});
