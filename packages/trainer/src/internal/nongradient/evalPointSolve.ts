import { type Connection, Distribution, defaultNEvalPoints, type Ensemble, type Network, type Solver, sampleOrArray, TrainingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { BuildContext, type BuiltConnection, type BuiltEnsemble, defaultRegistry } from "@plexus/simulator";

/** A decoder solve on evaluation points. */
export interface EvalPointSolution {
  /** `nNeurons × sizeMid`. */
  readonly decoders: Float64Array;
  /** `transform · decodersᵀ`, `[rows, nNeurons]`: the connection's weights. */
  readonly weights: Float64Array;
  readonly rows: number;
  /** RMS error per function output on the eval points. */
  readonly rmses: Float64Array;
}

/**
 * Solves a decoded connection's decoders as Nengo's `build_decoders` (and the simulator's build)
 * does: the eval points the build used (the pre ensemble's, or the connection's own, drawn from
 * the connection's generator), targets `function(point[preSlice])`, activities
 * `rates(points · encodersᵀ / radius, gain, bias)` of the built pre ensemble (rates also for
 * spiking types), then `solver.solve(A, Y)` with the connection's generator in the state the
 * build left it in. With the connection's own solver the result is the build's decoders.
 * @throws TrainingError when the function gives a wrong or non-finite value or the solver fails.
 */
export function evalPointSolve(
  net: Network,
  conn: Connection,
  pre: Ensemble,
  params: BuiltEnsemble,
  built: BuiltConnection,
  solver: Solver,
  dt: number,
  seed: number,
): EvalPointSolution {
  const owner = conn.toString();
  const n = params.nNeurons;
  const d = params.dimensions;
  const mid = conn.sizeMid;
  // The connection's generator, as the build seeds it, advanced past the draw of its own eval points.
  const rng = new BuildContext(net, dt, seed, defaultRegistry).rngOf(conn);
  let points: Float64Array;
  if (conn.evalPoints === undefined) {
    points = params.evalPoints;
  } else {
    if (conn.evalPoints instanceof Distribution)
      sampleOrArray(conn.evalPoints, pre.nEvalPoints ?? defaultNEvalPoints(pre.nNeurons, d), d, rng, `${owner}.evalPoints`);
    if (built.evalPoints === undefined) throw new TrainingError(`${owner}: the build kept no eval points for this connection`, { label: owner });
    points = built.evalPoints;
  }
  const m = points.length / d;
  const preSize = conn.preSlice?.length ?? d;
  const Y = new Float64Array(m * mid);
  const x = new Float64Array(preSize);
  for (let k = 0; k < m; k++) {
    const point = points.subarray(k * d, (k + 1) * d);
    if (conn.preSlice === null) x.set(point);
    else for (const [j, c] of conn.preSlice.entries()) x[j] = point[c] ?? Number.NaN;
    if (conn.function === null) {
      Y.set(x, k * mid);
      continue;
    }
    const y = conn.function(Float64Array.from(x));
    const values = typeof y === "number" ? [y] : y;
    if (values.length !== mid)
      throw new TrainingError(`${owner}.function: returned ${values.length} values on eval point ${k}, expected ${mid}`, { label: owner });
    for (const [j, v] of Array.from(values).entries()) {
      if (!Number.isFinite(v)) throw new TrainingError(`${owner}.function: gave the non-finite value ${v} on eval point ${k}`, { label: owner });
      Y[k * mid + j] = v;
    }
  }
  const enc = params.encoders;
  const r = params.radius;
  const encR = enc.map((e) => e / r);
  const J = new Float64Array(m * n);
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += f64At(points, k * d + j) * f64At(encR, i * d + j);
      J[k * n + i] = s;
    }
  }
  const A = pre.neuronType.rates(J, params.gain, params.bias);
  let res: ReturnType<typeof solver.solve>;
  try {
    res = solver.solve(A, Y, m, n, mid, rng);
  } catch (cause) {
    throw new TrainingError(`${owner}: the solver ${solver.kind} failed on the eval points: ${cause instanceof Error ? cause.message : String(cause)}`, {
      label: owner,
      cause,
    });
  }
  const { weights, rows } = foldTransform(conn, res.decoders, n);
  return { decoders: res.decoders, weights, rows, rmses: res.rmses };
}

/** `transform · decodersᵀ` (Nengo's `multiply`), `[rows, n]`: the weights of a decoded connection. */
export function foldTransform(conn: Connection, decoders: Float64Array, n: number): { weights: Float64Array; rows: number } {
  const t = conn.transform;
  const mid = conn.sizeMid;
  const rows = t.shape.length === 2 ? t.shape[0] : undefined;
  if (rows === undefined) {
    const out = new Float64Array(mid * n);
    for (let i = 0; i < mid; i++) {
      const s = t.shape.length === 0 ? t.data[0] : t.data[i];
      if (s === undefined) throw new TrainingError(`${conn}.transform: ${t.data.length} values cannot scale ${mid} dimensions`, { label: conn.toString() });
      for (let j = 0; j < n; j++) out[i * n + j] = s * f64At(decoders, j * mid + i);
    }
    return { weights: out, rows: mid };
  }
  const out = new Float64Array(rows * n);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < mid; k++) s += f64At(t.data, i * mid + k) * f64At(decoders, j * mid + k);
      out[i * n + j] = s;
    }
  }
  return { weights: out, rows };
}
