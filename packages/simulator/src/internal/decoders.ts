import { BuildError, type ConnectionFunction, type DistOrArray, type Ensemble, NeuronType, type Rng, type SolveResult, type Solver } from "@plexus/core";
import { f64At, matMul, numAt } from "@plexus/core/runtime";
import type { BuiltEnsemble, SolverInfo } from "../Built.js";
import { blockedWeights, prefersBlocks } from "../kernels/dotIncKernel.js";
import { genEvalPoints } from "./ensembleParams.js";
import { BLOCK_ROWS, PARAMS_BYTES, simdArena } from "./simdKernels.js";

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
  /**
   * For a non-compositional weight solver: `mid × size` (row-major) mapping the targets to the
   * post neurons' input (transform, then the post's scaled encoders), so that the solve gives
   * the whole weight matrix, `nNeurons × size`.
   */
  readonly encodeTargets?: { readonly matrix: Float64Array; readonly size: number };
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
export function solveDecoders(p: DecoderProblem, shared?: SharedSolve): DecoderSolution {
  if (shared !== undefined && shared.group.members.length > 1) return solveShared(p, shared);
  const n = p.params.nNeurons;
  const mid = p.sizeMid;
  if (p.solver.kind === "NoSolver") {
    const r = solveOne(p, new Float64Array(n), new Float64Array(mid), 1, mid);
    return { decoders: r.decoders, solverInfo: { rmses: r.rmses, info: r.info } };
  }
  const points = evalPointsOf(p);
  const m = points.length / p.params.dimensions;
  const enc = p.encodeTargets;
  const Y = enc === undefined ? targets(p, points, m) : matMul(targets(p, points, m), m, mid, enc.matrix, enc.size);
  const A = activities(p, points, m);
  const sol = solveOne(p, A, Y, m, enc?.size ?? mid);
  return { decoders: sol.decoders, evalPoints: points, solverInfo: { rmses: sol.rmses, info: sol.info } };
}

/** Decoded connections and probes of one ensemble that share their eval points and solver. */
export interface SolveGroup {
  readonly members: readonly SolveMember[];
  /** The solutions not yet taken, by member key (filled by the first member's build). */
  results?: Map<object, DecoderSolution>;
}

/** One member of a group: what its targets need. */
export interface SolveMember {
  readonly key: object;
  readonly owner: string;
  readonly function: ConnectionFunction | null;
  readonly preSlice: Int32Array | null;
  readonly sizeMid: number;
}

/** A problem's place in a group. */
export interface SharedSolve {
  readonly key: object;
  readonly group: SolveGroup;
}

/**
 * The first member's build solves the whole group: one activity matrix, one `solveMany` (one
 * Gram matrix and factorisation for LstsqL2), each member's targets as its own columns; every
 * member then takes its own decoders, which are what its own solve would give.
 */
function solveShared(p: DecoderProblem, shared: SharedSolve): DecoderSolution {
  const group = shared.group;
  if (group.results === undefined) {
    const points = evalPointsOf(p);
    const m = points.length / p.params.dimensions;
    const Ys = group.members.map((mb) => targets({ ...p, owner: mb.owner, function: mb.function, preSlice: mb.preSlice, sizeMid: mb.sizeMid }, points, m));
    const A = activities(p, points, m);
    const sols = solveMany(
      p,
      A,
      Ys,
      m,
      group.members.map((mb) => mb.sizeMid),
    );
    group.results = new Map(
      group.members.map((mb, t) => {
        const sol = sols[t] ?? fail(p, `the solver ${p.solver.kind} returned no solution for ${mb.owner}`);
        return [mb.key, { decoders: sol.decoders, evalPoints: points, solverInfo: { rmses: sol.rmses, info: sol.info } }];
      }),
    );
  }
  const r = group.results.get(shared.key);
  if (r === undefined) return fail(p, "not a member of its solve group, or solved twice (a bug in the simulator's build: please report it)");
  group.results.delete(shared.key);
  return r;
}

function fail(p: DecoderProblem, message: string, cause?: unknown): never {
  throw new BuildError(`${p.owner}: ${message}`, { label: p.owner, cause });
}

/** `solver.solve(A, Y)` for one target, `m × d`. */
function solveOne(p: DecoderProblem, A: Float64Array, Y: Float64Array, m: number, d: number): SolveResult {
  const r = solverCall(p, () => p.solver.solve(A, Y, m, p.params.nNeurons, d, p.rng));
  checkDecoders(p, r, d);
  return r;
}

/** `solver.solveMany(A, Ys)`, one solution per target. */
function solveMany(p: DecoderProblem, A: Float64Array, Ys: readonly Float64Array[], m: number, ds: readonly number[]): SolveResult[] {
  const res = solverCall(p, () => p.solver.solveMany(A, Ys, m, p.params.nNeurons, ds, p.rng));
  if (res.length !== Ys.length) fail(p, `the solver ${p.solver.kind} returned ${res.length} solutions for ${Ys.length} targets`);
  res.forEach((r, t) => checkDecoders(p, r, numAt(ds, t)));
  return res;
}

/** Calls the solver, its failures as BuildErrors naming the owner. */
function solverCall<T>(p: DecoderProblem, call: () => T): T {
  try {
    return call();
  } catch (cause) {
    if (cause instanceof BuildError) throw cause;
    return fail(p, `the solver ${p.solver.kind} failed: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
}

function checkDecoders(p: DecoderProblem, r: SolveResult, d: number): void {
  const n = p.params.nNeurons;
  if (r.decoders.length !== n * d) fail(p, `the solver ${p.solver.kind} returned ${r.decoders.length} decoders, expected ${n}×${d}`);
}

/** The eval points: the ensemble's, or the connection's own. */
function evalPointsOf(p: DecoderProblem): Float64Array {
  if (p.evalPoints === undefined) return p.params.evalPoints;
  try {
    return genEvalPoints(p.pre, p.evalPoints, p.rng, p.scaleEvalPoints, `${p.owner}.evalPoints`);
  } catch (cause) {
    if (cause instanceof BuildError) throw cause;
    return fail(p, `evalPoints: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
}

/** The targets `f(point[preSlice])`, `m × sizeMid`. */
function targets(p: DecoderProblem, points: Float64Array, m: number): Float64Array {
  const d = p.params.dimensions;
  const mid = p.sizeMid;
  const preSize = p.preSlice?.length ?? d;
  const Y = new Float64Array(m * mid);
  const x = new Float64Array(preSize);
  for (let k = 0; k < m; k++) {
    const point = points.subarray(k * d, (k + 1) * d);
    if (p.preSlice === null) x.set(point);
    else for (const [j, c] of p.preSlice.entries()) x[j] = point[c] ?? Number.NaN;
    if (p.function === null) {
      Y.set(x, k * mid);
      continue;
    }
    let y: number | ArrayLike<number>;
    try {
      y = p.function(Float64Array.from(x));
    } catch (cause) {
      return fail(p, `the connection function threw on eval point ${k}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
    if (y === null || y === undefined)
      fail(p, `the connection function returned ${String(y)} on eval point ${k}; it must return a number or an array of ${mid} numbers`);
    if (typeof y === "number") {
      if (mid !== 1) fail(p, `the connection function returned a number on eval point ${k}, expected ${mid} values`);
      Y[k * mid] = y;
    } else {
      if (y.length !== mid) fail(p, `the connection function returned ${y.length} values on eval point ${k}, expected ${mid}`);
      Y.set(y, k * mid);
    }
  }
  const bad = Y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail(p, `the connection function gave the non-finite value ${Y[bad]} on eval point ${Math.floor(bad / mid)}`);
  return Y;
}

/** Eval points per block of the activities (a block's currents are 64 points × nNeurons). */
const POINTS_PER_BLOCK = 64;

/**
 * The activities `rates(points · (encodersᵀ / radius), gain, bias)`, `m × nNeurons`, computed a
 * block of eval points at a time (so that the currents of all points are never held at once);
 * each current sums its terms in dimension order from 0, as one dot product per neuron does
 * (two neurons per f64x2 lane in WebAssembly, where available: the same bits).
 * @throws BuildError when every activity is zero.
 */
export function activities(p: DecoderProblem, points: Float64Array, m: number): Float64Array {
  const n = p.params.nNeurons;
  const d = p.params.dimensions;
  const enc = p.params.encoders;
  const r = p.params.radius;
  const encR = enc.map((e) => e / r);
  const A = new Float64Array(m * n);
  const currents = currentsOf(encR, n, d);
  let nonzero = false;
  for (let k0 = 0; k0 < m; k0 += POINTS_PER_BLOCK) {
    const kc = Math.min(POINTS_PER_BLOCK, m - k0);
    const J = new Float64Array(kc * n);
    currents(points.subarray(k0 * d, (k0 + kc) * d), kc, J);
    const a = A.subarray(k0 * n, (k0 + kc) * n);
    ratesInto(p.pre.neuronType, J, p.params.gain, p.params.bias, a);
    if (!nonzero)
      for (let i = 0; i < a.length; i++)
        if (a[i] !== 0) {
          nonzero = true;
          break;
        }
  }
  if (!nonzero) {
    fail(
      p,
      `the activities of ${p.pre} are all zero at the eval points: no eval point falls in the firing range of any neuron (check intercepts, radius and eval points)`,
    );
  }
  return A;
}

/**
 * `out = type.rates(J, gain, bias)` (J: points × neurons, overwritten): for a type whose `rates`
 * is NeuronType's (the current, then the type's curve), the currents `gain·J + bias` (as
 * `NeuronType.current` computes them) written into J, then the type's own `rateFromCurrent`,
 * without the intermediate arrays; any other type through its own `rates`.
 */
function ratesInto(type: NeuronType, J: Float64Array, gain: Float64Array, bias: Float64Array, out: Float64Array): void {
  if (type.rates !== NeuronType.prototype.rates) {
    out.set(type.rates(J, gain, bias));
    return;
  }
  const n = gain.length;
  for (let r = 0; r < J.length; r += n) {
    for (let k = 0; k < n; k++) J[r + k] = f64At(gain, k) * f64At(J, r + k) + f64At(bias, k);
  }
  type.rateFromCurrent(J, out);
}

/**
 * `(points, count, out) => out[k][i] = 0 + Σ_j encR[i·d + j] · points[k][j]` (j ascending) for
 * `count` points: a blocked SIMD product (each block of 8 encoders kept in cache across the
 * points) when there are enough neurons and dimensions, else plain loops.
 */
function currentsOf(encR: Float64Array, n: number, d: number): (points: Float64Array, count: number, out: Float64Array) => void {
  const rows = (points: Float64Array, count: number, out: Float64Array, from: number): void => {
    for (let k = 0; k < count; k++) {
      for (let i = from; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += f64At(points, k * d + j) * f64At(encR, i * d + j);
        out[k * n + i] = s;
      }
    }
  };
  const plain = (points: Float64Array, count: number, out: Float64Array): void => rows(points, count, out, 0);
  const whole = Math.floor(n / BLOCK_ROWS);
  if (!prefersBlocks(n, d) || whole === 0) return plain;
  const blocked = blockedWeights(encR, n, d);
  const po = blocked.length;
  const jo = po + POINTS_PER_BLOCK * d;
  const wasm = simdArena(jo + POINTS_PER_BLOCK * n);
  if (wasm === null) return plain;
  const mem = wasm.arena;
  mem.set(blocked, 0);
  const params = wasm.scratch.take(PARAMS_BYTES / 4);
  if (params === null) return plain;
  return (points, count, out) => {
    mem.set(points.subarray(0, count * d), po);
    params.view.set([jo * 8, 0, po * 8, whole, d, count, n * 8]);
    wasm.kernels.gemmBlocks(params.byteOffset);
    const J = mem.subarray(jo, jo + count * n);
    if (whole * BLOCK_ROWS === n) out.set(J);
    else for (let k = 0; k < count; k++) out.set(J.subarray(k * n, k * n + whole * BLOCK_ROWS), k * n);
    rows(points, count, out, whole * BLOCK_ROWS);
  };
}
