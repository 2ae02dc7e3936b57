import {
  BuildError,
  type Connection,
  type ConnectionFunction,
  type ConnectionSource,
  type ConnectionTarget,
  type DistOrArray,
  type Ensemble,
  type Probe,
  type Rng,
  type Shaped,
  type Solver,
  type Synapse,
} from "@plexus/core";
import { f64At, numAt } from "@plexus/core/runtime";
import { match } from "ts-pattern";
import type { BuildContext, NeuronEnsembleSignals } from "../BuildContext.js";
import type { BuiltConnection, BuiltEnsemble } from "../Built.js";
import type { Kernel } from "../Kernel.js";
import { copyKernel } from "../kernels/copyKernel.js";
import { blockedWeights, dotIncKernel, prefersBlocks } from "../kernels/dotIncKernel.js";
import { elementwiseKernel } from "../kernels/elementwiseKernel.js";
import { functionKernel } from "../kernels/functionKernel.js";
import { incTarget, setTarget, type Target } from "../kernels/Target.js";
import type { Signal } from "../Signal.js";
import { type SharedSolve, solveDecoders } from "./decoders.js";
import { synapseKernel } from "./synapseKernel.js";
import { type StructuredTransform, type TransformProduct, transformProduct, transformRng } from "./transformProduct.js";

/** A connection as the builder sees it: a real one, or the hidden one of a decoded probe. */
export interface ConnectionLike {
  readonly owner: string;
  readonly pre: ConnectionSource;
  /** Where the result goes: a connection's post object, or a probe's buffer (set). */
  readonly post:
    | { readonly kind: "object"; readonly target: ConnectionTarget; readonly postSlice: Int32Array | null }
    | { readonly kind: "probe"; readonly signal: Signal };
  readonly function: ConnectionFunction | null;
  /** The dense transform's values (drawn already where the transform is a distribution). */
  readonly transform: Shaped;
  /** A Sparse or convolution transform, applied as a sparse product instead of `transform`. */
  readonly structured?: StructuredTransform;
  readonly solver: Solver;
  readonly evalPoints: DistOrArray | undefined;
  readonly scaleEvalPoints: boolean;
  readonly synapse: Synapse | null;
  readonly preSlice: Int32Array | null;
  readonly sizeMid: number;
  readonly postSize: number;
  readonly rng: Rng;
  /** Keep the weighted (filtered) output in its own buffer even without a synapse (a probe records it). */
  readonly materialize: boolean;
  /** The connection whose `weights` override applies (real connections only). */
  readonly connection?: Connection;
  /** The decoded probe this hidden connection serves. */
  readonly probe?: Probe;
}

export interface ConnectionResult {
  readonly input: Signal;
  readonly output: Signal | null;
  readonly built: BuiltConnection;
  /** The weights buffer and what it multiplies (for a learning rule: then the weights are writable, rows-major). */
  readonly weights: Signal;
  readonly activities: Signal;
}

/** `transform · decodersᵀ` (Nengo's `multiply`): `rows × n` with rows the transform's output size. */
function foldTransform(t: Shaped, decoders: Float64Array, n: number, mid: number): { data: Float64Array; rows: number } {
  // decoders is n × mid (row-major), so decodersᵀ[i][j] = decoders[j * mid + i]
  const rows = t.shape.length === 2 ? t.shape[0] : undefined;
  if (rows === undefined) {
    const out = new Float64Array(mid * n);
    for (let i = 0; i < mid; i++) {
      const s = t.shape.length === 0 ? t.data[0] : t.data[i];
      if (s === undefined) throw new BuildError(`a transform of ${t.data.length} values cannot scale ${mid} dimensions`);
      for (let j = 0; j < n; j++) out[i * n + j] = s * f64At(decoders, j * mid + i);
    }
    return { data: out, rows: mid };
  }
  const out = new Float64Array(rows * n);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < mid; k++) s += numAt(t.data, i * mid + k) * f64At(decoders, j * mid + k);
      out[i * n + j] = s;
    }
  }
  return { data: out, rows };
}

/** A transform (or weights) as a dense `rows × cols` matrix. */
export function dense(weights: Float64Array, shape: readonly number[], size: number): { data: Float64Array; shape: [number, number] } {
  const [rows, cols] = shape;
  if (rows !== undefined && cols !== undefined) return { data: Float64Array.from(weights), shape: [rows, cols] };
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) out[i * size + i] = f64At(weights, shape.length === 0 ? 0 : i);
  return { data: out, shape: [size, size] };
}

function transposed(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = f64At(data, i * cols + j);
  return out;
}

/**
 * Builds a connection as Nengo's `build_connection`: the input (sliced; through the function for
 * nodes and Direct ensembles), the weights (decoders folded with the transform for a decoded
 * connection), the synapse (an update kernel: one step of delay) and the write into the post
 * object (times the gains for neurons). Without a synapse and without a probe on its output, the
 * weights kernel adds straight into the post object.
 */
export function buildConnectionLike(c: ConnectionLike, ctx: BuildContext): ConnectionResult {
  const input = ctx.source(c.pre, c.owner);
  const es = c.pre.kind === "ensemble" ? ctx.ensemble(c.pre) : null;
  const w = c.pre.kind === "ensemble" && es !== null && !es.direct ? decodedWeights(c, c.pre, es, ctx) : inputWeights(c, input, ctx);
  return emitConnection(c, ctx, input, w, finalTarget(c, w.weightSolverPost, ctx));
}

/** The input a connection multiplies and its weights (with what a decoder solve left for `plan.built`). */
interface ConnectionWeights {
  readonly x: Signal;
  readonly spikingInput: boolean;
  readonly weights: Float64Array;
  readonly weightsShape: number[];
  readonly decoders: Float64Array | undefined;
  readonly evalPoints: Float64Array | undefined;
  readonly solverInfo: BuiltConnection["solverInfo"];
  /** The post neurons' input where a weight solver gives full weights. */
  readonly weightSolverPost: Signal | null;
  readonly product: TransformProduct | null;
}

/** A decoded connection's weights: the decoders (solved, or overridden) folded with the transform, or full weights for a weight solver. */
function decodedWeights(c: ConnectionLike, pre: Ensemble, es: NeuronEnsembleSignals, ctx: BuildContext): ConnectionWeights {
  const owner = c.owner;
  let weights: Float64Array;
  let weightsShape: number[];
  let decoders: Float64Array | undefined;
  let evalPoints: Float64Array | undefined;
  let solverInfo: BuiltConnection["solverInfo"];
  const params = es.params;
  const n = params.nNeurons;
  // a weight solver (Nengo's weights=True) needs an ensemble with neurons as post
  let weightPost: NeuronEnsembleSignals | null = null;
  if (c.solver.weights) {
    const wp = c.post.kind === "object" && c.post.target.kind === "ensemble" ? ctx.ensemble(c.post.target) : null;
    if (wp === null || wp.direct) {
      throw new BuildError(
        `${owner}: a solver with weights: true needs an ensemble with neurons as post (got ${c.post.kind === "object" ? c.post.target : "a probe"})`,
        { label: owner },
      );
    }
    weightPost = wp;
  }
  const rowsOut = weightPost !== null ? weightPost.params.nNeurons : c.transform.shape.length === 2 ? (c.transform.shape[0] ?? c.sizeMid) : c.sizeMid;
  // an override gives the final weights (what weightsShape describes) and skips the solve
  const override = c.connection === undefined ? undefined : ctx.override(c.connection, "weights", rowsOut * n);
  if (override !== undefined) {
    weights = Float64Array.from(override);
    weightsShape = [rowsOut, n];
  } else {
    const encodeTargets =
      weightPost !== null && !c.solver.compositional && c.post.kind === "object" ? targetEncoding(c, weightPost, c.post.postSlice) : undefined;
    const sol = solveDecoders(
      {
        owner,
        pre,
        params,
        function: c.function,
        preSlice: c.preSlice,
        sizeMid: c.sizeMid,
        evalPoints: c.evalPoints,
        scaleEvalPoints: c.scaleEvalPoints,
        solver: c.solver,
        rng: c.rng,
        ...(encodeTargets === undefined ? {} : { encodeTargets }),
      },
      sharedSolve(c, ctx),
    );
    evalPoints = sol.evalPoints;
    solverInfo = sol.solverInfo;
    if (encodeTargets !== undefined) {
      // the solve gave the whole weight matrix, nPre × nPost
      weights = transposed(sol.decoders, n, encodeTargets.size);
      weightsShape = [encodeTargets.size, n];
    } else {
      decoders = sol.decoders;
      const folded = foldTransform(c.transform, sol.decoders, n, c.sizeMid);
      weights = folded.data;
      weightsShape = [folded.rows, n];
      if (weightPost !== null && c.post.kind === "object") {
        // weights = encodersᵀ[postSlice]ᵀ · (transform · decodersᵀ): nPost × nPre, the gains inside the scaled encoders
        weights = encodeRows(weightPost.params, c.post.postSlice, weights, n);
        weightsShape = [weightPost.params.nNeurons, n];
      }
    }
  }
  return {
    x: es.neuronsOut,
    spikingInput: es.spiking,
    weights,
    weightsShape,
    decoders,
    evalPoints,
    solverInfo,
    weightSolverPost: weightPost === null ? null : weightPost.neuronsIn,
    product: null,
  };
}

/** `scaledEncoders[:, postSlice] · w`: the post neurons' input from `w` (`postSlice.length × cols`), `nPost × cols`. */
function encodeRows(pp: BuiltEnsemble, postSlice: Int32Array | null, w: Float64Array, cols: number): Float64Array {
  const rowsIdx = postSlice ?? Int32Array.from({ length: pp.dimensions }, (_, i) => i);
  const nPost = pp.nNeurons;
  const full = new Float64Array(nPost * cols);
  for (let i = 0; i < nPost; i++) {
    const enc = Float64Array.from(rowsIdx, (r) => f64At(pp.scaledEncoders, i * pp.dimensions + r));
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < enc.length; k++) s += f64At(enc, k) * f64At(w, k * cols + j);
      full[i * cols + j] = s;
    }
  }
  return full;
}

/**
 * What a non-compositional weight solver (Nengo's `compositional = False`) is given as targets:
 * the decoded targets through the transform and the post's scaled encoders (Nengo's
 * `build_decoders`), as `sizeMid × nPost`.
 */
function targetEncoding(c: ConnectionLike, post: NeuronEnsembleSignals, postSlice: Int32Array | null): { matrix: Float64Array; size: number } {
  const mid = c.sizeMid;
  const identity = new Float64Array(mid * mid);
  for (let i = 0; i < mid; i++) identity[i * mid + i] = 1;
  const t = foldTransform(c.transform, identity, mid, mid).data;
  const nPost = post.params.nNeurons;
  return { matrix: transposed(encodeRows(post.params, postSlice, t, mid), nPost, mid), size: nPost };
}

/** The weights of any other connection: its transform (or a structured transform's product) on the sliced input (through the function for nodes and Direct ensembles). */
function inputWeights(c: ConnectionLike, input: Signal, ctx: BuildContext): ConnectionWeights {
  const owner = c.owner;
  let spikingInput = false;
  let weights: Float64Array;
  let weightsShape: number[];
  let product: TransformProduct | null = null;
  const direct = (): Signal => {
    const sliced = ctx.slice(input, c.preSlice, owner);
    if (c.function === null) return sliced;
    const out = ctx.signal(`${owner}.function`, c.sizeMid);
    ctx.add(functionKernel({ fn: c.function, withTime: false, input: sliced, output: out, owner, role: "connection function" }));
    return out;
  };
  const x: Signal = match(c.pre)
    .with({ kind: "node" }, () => direct())
    .with({ kind: "ensemble" }, () => direct())
    .with({ kind: "neurons" }, (pre) => {
      spikingInput = pre.ensemble.neuronType.spiking;
      return ctx.slice(input, c.preSlice, owner);
    })
    .with({ kind: "inPort" }, { kind: "outPort" }, () => ctx.slice(input, c.preSlice, owner))
    .exhaustive();
  if (c.structured !== undefined && c.connection !== undefined) {
    const t = c.structured;
    const count = t.kind === "Sparse" ? t.size : t.kernelShape.reduce((a, b) => a * b, 1);
    const override = ctx.override(c.connection, "weights", count);
    product = transformProduct(t, x, spikingInput, override, owner, ctx, ctx.seedOf(c.connection));
    weights = product.weights;
    weightsShape = [...product.weightsShape];
  } else {
    const override = c.connection === undefined ? undefined : ctx.override(c.connection, "weights", c.transform.data.length);
    weights = Float64Array.from(override ?? c.transform.data);
    weightsShape = [...c.transform.shape];
  }
  return { x, spikingInput, weights, weightsShape, decoders: undefined, evalPoints: undefined, solverInfo: undefined, weightSolverPost: null, product };
}

/** Where the result goes: a probe's buffer, the post neurons' input (weight solver), or the post object (times the gains for neurons). */
function finalTarget(c: ConnectionLike, weightSolverPost: Signal | null, ctx: BuildContext): Target {
  const owner = c.owner;
  if (c.post.kind === "probe") {
    return setTarget(c.post.signal);
  } else if (weightSolverPost !== null) {
    return incTarget(weightSolverPost);
  } else {
    const post = c.post.target;
    const sig = ctx.target(post, owner);
    if (post.kind === "neurons") {
      const ps = ctx.ensemble(post.ensemble);
      if (ps.direct) throw new BuildError(`${owner}: ${post} of a Direct-mode ensemble has no neurons; connect the ensemble itself`, { label: owner });
      const gain = ps.params.gain;
      const idx = c.post.postSlice;
      const g = idx === null ? Float64Array.from(gain) : Float64Array.from(idx, (i) => f64At(gain, i));
      return incTarget(sig, idx, ctx.constant(`${owner}.gains`, g));
    } else {
      return incTarget(sig, c.post.postSlice);
    }
  }
}

/** The weights kernel, the synapse and the write into the target; what `plan.built` keeps of the connection. */
function emitConnection(c: ConnectionLike, ctx: BuildContext, input: Signal, w: ConnectionWeights, final: Target): ConnectionResult {
  const owner = c.owner;
  const { x, spikingInput, weights, weightsShape, decoders, evalPoints, solverInfo, product } = w;
  const matrix = product === null && weightsShape.length === 2;
  const rows = product !== null ? product.rows : matrix ? (weightsShape[0] ?? x.size) : x.size;
  // A learning rule writes the weights: a plain (row-major) buffer, not a constant.
  const learning = (c.connection?.learningRules.length ?? 0) > 0;
  const eventDriven = matrix && spikingInput && !learning;
  const blocks = matrix && !eventDriven && !learning && prefersBlocks(rows, x.size);
  const layout = eventDriven ? "columns" : blocks ? "blocks" : "rows";
  const weightSig =
    product !== null
      ? product.weightSignal
      : learning
        ? ctx.signal(`${owner}.weights`, weights.length, Float64Array.from(weights))
        : ctx.constant(
            `${owner}.weights`,
            eventDriven ? transposed(weights, rows, x.size) : blocks ? blockedWeights(weights, rows, x.size) : Float64Array.from(weights),
          );
  const weightsKernel = (dst: Target): Kernel =>
    product !== null
      ? product.kernel(dst)
      : matrix
        ? dotIncKernel({ weights: weightSig, rows, cols: x.size, layout, x, dst, eventDriven, owner })
        : elementwiseKernel(weightSig, x, dst, owner);

  let output: Signal | null = null;
  if (c.synapse === null && !c.materialize) {
    ctx.add(weightsKernel(final));
  } else {
    const weighted = ctx.signal(`${owner}.weighted`, rows);
    ctx.add(weightsKernel(setTarget(weighted)));
    let out = weighted;
    if (c.synapse !== null) {
      const filtered = ctx.signal(`${owner}.filtered`, rows);
      ctx.add(synapseKernel(c.synapse, weighted, filtered, owner, ctx));
      out = filtered;
    }
    output = out;
    if (final.gains !== null) ctx.add(elementwiseKernel(final.gains, out, incTarget(final.signal, final.index), owner, "gains"));
    else ctx.add(copyKernel(out, null, final, owner, "to post"));
  }

  const built: BuiltConnection = withDense(product, weights, weightsShape, matrix ? 0 : x.size, {
    weights: Float64Array.from(weights),
    weightsShape,
    transform:
      product !== null
        ? { data: Float64Array.from(weights), shape: [...weightsShape] }
        : { data: Float64Array.from(c.transform.data), shape: [...c.transform.shape] },
    ...(product?.sparseIndices !== undefined ? { sparseIndices: product.sparseIndices } : {}),
    ...(decoders !== undefined ? { decoders } : {}),
    ...(evalPoints !== undefined ? { evalPoints: Float64Array.from(evalPoints) } : {}),
    ...(solverInfo !== undefined ? { solverInfo } : {}),
  });
  return { input, output, built, weights: weightSig, activities: x };
}

/**
 * The built connection with `denseWeights` and `denseShape`: for a sparse product, `denseWeights`
 * is a getter computed when first read (a convolution's dense matrix can be large).
 */
function withDense(
  product: TransformProduct | null,
  weights: Float64Array,
  shape: readonly number[],
  size: number,
  rest: Omit<BuiltConnection, "denseWeights" | "denseShape">,
): BuiltConnection {
  if (product === null) {
    const d = dense(weights, shape, size);
    return { ...rest, denseWeights: d.data, denseShape: d.shape };
  }
  let cached: Float64Array | null = null;
  return Object.defineProperty({ ...rest, denseShape: [product.rows, product.cols] as const }, "denseWeights", {
    get: (): Float64Array => (cached ??= product.dense()),
    enumerable: true,
  }) as BuiltConnection;
}

/** The connection's (or decoded probe's) place in a shared decoder solve, if any. */
function sharedSolve(c: ConnectionLike, ctx: BuildContext): SharedSolve | undefined {
  const key = c.connection ?? c.probe;
  return key === undefined ? undefined : ctx.solveGroups.get(key);
}

/** The connection-like view of a Connection. */
export function fromConnection(conn: Connection, ctx: BuildContext): ConnectionLike {
  return {
    owner: conn.toString(),
    pre: conn.pre,
    post: { kind: "object", target: conn.post, postSlice: conn.postSlice },
    function: conn.function,
    ...transformOf(conn, ctx),
    solver: conn.solver,
    evalPoints: conn.evalPoints,
    scaleEvalPoints: conn.scaleEvalPoints,
    synapse: conn.synapse,
    preSlice: conn.preSlice,
    sizeMid: conn.sizeMid,
    postSize: conn.postSize,
    rng: ctx.rngOf(conn),
    materialize: ctx.probedOutputs.has(conn),
    connection: conn,
  };
}

/** A real connection's transform as the builder takes it: dense values (drawn if need be), or a sparse product. */
function transformOf(conn: Connection, ctx: BuildContext): { transform: Shaped; structured?: StructuredTransform } {
  if (conn.denseTransform !== null) return { transform: conn.denseTransform };
  const t = conn.transformObject;
  if (t.kind === "Dense") return { transform: t.sample(transformRng(ctx.seedOf(conn))) };
  if (t.kind === "NoTransform") return { transform: { data: Float64Array.of(1), shape: [] } };
  return { transform: { data: new Float64Array(0), shape: [0] }, structured: t };
}
