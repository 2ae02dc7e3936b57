import { BuildError, type ConnectionFunction, type DistOrArray, type Ensemble, type Rng, type Solver } from "@plexus/core";
import type { BuiltEnsemble, SolverInfo } from "../Built.js";
import { genEvalPoints } from "./ensembleParams.js";

/** What a decoder solve needs from a connection (or a decoded probe). */
export interface DecoderProblem {
  readonly owner: string;
  readonly pre: Ensemble;
  readonly params: BuiltEnsemble;
  readonly function: ConnectionFunction | null;
  readonly preSlice: Int32Array | null;
  readonly sizeMid: number;
  readonly evalPoints: DistOrArray | undefined;
  readonly scaleEvalPoints: boolean;
  readonly solver: Solver;
  readonly rng: Rng;
}

export interface DecoderSolution {
  /** `nNeurons × sizeMid`, row-major. */
  readonly decoders: Float64Array;
  readonly evalPoints?: Float64Array;
  readonly solverInfo: SolverInfo;
}

/**
 * Solves a decoded connection's decoders as Nengo's `build_decoders`: eval points (the
 * ensemble's, or the connection's own), targets `f(point[preSlice])` (f sees the radius-scaled
 * points), activities `rates(points · (encodersᵀ / radius), gain, bias)` (rates, also for
 * spiking types), then `solver.solve(A, Y)`. A `NoSolver` skips the activities (Nengo's
 * `build_no_solver`).
 * @throws BuildError when the function returns None/wrong sizes/non-finite values, or every
 *   activity is zero.
 */
export function solveDecoders(p: DecoderProblem): DecoderSolution {
  const n = p.params.nNeurons;
  const d = p.params.dimensions;
  const mid = p.sizeMid;
  const fail = (message: string, cause?: unknown): never => {
    throw new BuildError(`${p.owner}: ${message}`, { label: p.owner, cause });
  };
  const solve = (A: Float64Array, Y: Float64Array, m: number): DecoderSolution["solverInfo"] & { decoders: Float64Array } => {
    let res;
    try {
      res = p.solver.solve(A, Y, m, n, mid, p.rng);
    } catch (cause) {
      if (cause instanceof BuildError) throw cause;
      return fail(`the solver ${p.solver.kind} failed: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
    if (res.decoders.length !== n * mid) fail(`the solver ${p.solver.kind} returned ${res.decoders.length} decoders, expected ${n}×${mid}`);
    return { decoders: res.decoders, rmses: res.rmses, info: res.info };
  };

  if (p.solver.kind === "NoSolver") {
    const r = solve(new Float64Array(n), new Float64Array(mid), 1);
    return { decoders: r.decoders, solverInfo: { rmses: r.rmses, info: r.info } };
  }

  let points: Float64Array;
  if (p.evalPoints === undefined) {
    points = p.params.evalPoints;
  } else {
    const spec = p.evalPoints;
    try {
      points = genEvalPoints(p.pre, spec, p.rng, p.scaleEvalPoints, `${p.owner}.evalPoints`);
    } catch (cause) {
      if (cause instanceof BuildError) throw cause;
      return fail(`evalPoints: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
  }
  const m = points.length / d;

  // targets
  const preSize = p.preSlice?.length ?? d;
  const Y = new Float64Array(m * mid);
  const x = new Float64Array(preSize);
  for (let k = 0; k < m; k++) {
    for (let j = 0; j < preSize; j++) x[j] = points[k * d + (p.preSlice === null ? j : p.preSlice[j]!)]!;
    if (p.function === null) {
      Y.set(x, k * mid);
      continue;
    }
    let y: number | ArrayLike<number>;
    try {
      y = p.function(Float64Array.from(x));
    } catch (cause) {
      return fail(`the connection function threw on eval point ${k}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
    if (y === null || y === undefined) fail(`the connection function returned ${String(y)} on eval point ${k}; it must return a number or an array of ${mid} numbers`);
    if (typeof y === "number") {
      if (mid !== 1) fail(`the connection function returned a number on eval point ${k}, expected ${mid} values`);
      Y[k * mid] = y;
    } else {
      if (y.length !== mid) fail(`the connection function returned ${y.length} values on eval point ${k}, expected ${mid}`);
      for (let j = 0; j < mid; j++) Y[k * mid + j] = y[j]!;
    }
  }
  for (let i = 0; i < Y.length; i++) {
    if (!Number.isFinite(Y[i]!)) fail(`the connection function gave the non-finite value ${Y[i]} on eval point ${Math.floor(i / mid)}`);
  }

  // activities: rates at points · (encodersᵀ / radius)
  const enc = p.params.encoders;
  const r = p.params.radius;
  const encR = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) encR[i] = enc[i]! / r;
  const J = new Float64Array(m * n);
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += points[k * d + j]! * encR[i * d + j]!;
      J[k * n + i] = s;
    }
  }
  const A = p.pre.neuronType.rates(J, p.params.gain, p.params.bias);
  let nonzero = false;
  for (let i = 0; i < A.length; i++) {
    if (A[i] !== 0) {
      nonzero = true;
      break;
    }
  }
  if (!nonzero) {
    fail(`the activities of ${p.pre} are all zero at the eval points: no eval point falls in the firing range of any neuron (check intercepts, radius and eval points)`);
  }
  const sol = solve(A, Y, m);
  return { decoders: sol.decoders, evalPoints: points, solverInfo: { rmses: sol.rmses, info: sol.info } };
}
