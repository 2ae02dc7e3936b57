import { type DistOrArray, Distribution } from "./distributions/Distribution.js";
import type { Ensemble } from "./Ensemble.js";
import { ValidationError } from "./errors.js";
import { withParameters } from "./FrozenObject.js";
import { type FunctionPoints, functionPoints } from "./functionPoints.js";
import type { InPort } from "./InPort.js";
import { IRObject } from "./IRObject.js";
import { f64At, i32At, numAt } from "./internal/checked.js";
import { kindOf } from "./internal/optionsObject.js";
import { type NumericLike, type Shaped, toShaped } from "./internal/shape.js";
import { warn } from "./internal/warn.js";
import { RULE_TARGETS } from "./learning/CustomLearningRule.js";
import { LearningRule } from "./learning/LearningRule.js";
import { type LearningRuleTypes, learningRulesOf, ruleByKey, singleRule } from "./learning/learningRules.js";
import type { LearningRuleType } from "./learning/PES.js";
import { toNeurons } from "./learning/toNeurons.js";
import type { Neurons } from "./Neurons.js";
import type { Node } from "./Node.js";
import type { OutPort } from "./OutPort.js";
import { resolveSlice, type Slice } from "./resolveSlice.js";
import { LstsqL2 } from "./solvers/LstsqL2.js";
import { Solver } from "./solvers/Solver.js";
import type { Synapse, SynapseLike } from "./synapses/Synapse.js";
import { toSynapse } from "./synapses/toSynapse.js";
import type { ConnectionTransform } from "./transforms/ConnectionTransform.js";
import { Dense } from "./transforms/Dense.js";
import { NoTransform } from "./transforms/NoTransform.js";
import { Transform } from "./transforms/Transform.js";

/** What a connection can start from. */
export type ConnectionSource = Node | Ensemble | Neurons | InPort | OutPort;
/** What a connection can end at. */
export type ConnectionTarget = Node | Ensemble | Neurons | OutPort | InPort;

/** A function computed across a decoded connection (or applied to a node's output). */
export type ConnectionFunction = (x: Float64Array) => number | ArrayLike<number>;

export interface ConnectionOptions {
  /** Synapse: a Synapse, a Lowpass time constant (s), or null for none (default Lowpass(0.005)). */
  readonly synapse?: SynapseLike;
  /**
   * Scalar, vector (elementwise) or `post × mid` matrix (default 1); or a transform object
   * (`Dense`, `Sparse`, `Convolution`, `ConvolutionTranspose`, `NoTransform`); or a Distribution,
   * which means `Dense({ shape: [post, mid], init: dist })` (sampled at build with the
   * connection's seed, as Nengo); or null for a `NoTransform` (Nengo's `transform=None`).
   */
  readonly transform?: NumericLike | Transform | Distribution | null;
  /** Function of the pre value to approximate (decoded connections from ensembles; applied directly from nodes). */
  readonly function?: ConnectionFunction | ArrayLike<ArrayLike<number>> | null;
  /** Evaluation points for the decoder solve (default: the pre ensemble's). */
  readonly evalPoints?: DistOrArray;
  /** Scale given eval points by the pre radius (default true). */
  readonly scaleEvalPoints?: boolean;
  /** Decoder solver (default LstsqL2({ reg: 0.1 })). */
  readonly solver?: Solver;
  /** Dimensions of pre to use. */
  readonly preSlice?: Slice;
  /** Dimensions of post to feed. */
  readonly postSlice?: Slice;
  /**
   * A learning rule (`new PES({ learningRate, preSynapse })`) that changes the weights while the
   * simulator runs; its error comes in through `net.connect(error, conn.learningRule)`. PES needs
   * a pre ensemble (decoders) or neurons (with a matrix transform); into neurons (or with a
   * solver of `weights: true`) it learns through the post encoders, as Nengo. Several rules: a
   * list (`[new PES(), new BCM()]`) or a record (`{ pes: new PES() }`), each read with
   * `conn.learningRules[i]` / `conn.learningRuleFor(key)`.
   */
  readonly learningRule?: LearningRuleTypes;
  readonly label?: string;
  readonly seed?: number;
}

const END_KINDS: ReadonlySet<unknown> = new Set(["node", "ensemble", "neurons", "inPort", "outPort"]);

/** Nengo refuses a pre or post that is not a Node, Ensemble, Neurons (or, here, a port) at construction. */
function assertEnd(end: unknown, attr: "pre" | "post", where: string): void {
  const kind = typeof end === "object" && end !== null ? (end as { kind?: unknown }).kind : undefined;
  if (END_KINDS.has(kind)) return;
  const got = kind === undefined ? typeof end : `a ${String(kind)}`;
  throw new ValidationError({ object: where, attr, message: `must be a Node, Ensemble, Neurons or port (got ${got}); connect the objects themselves` });
}

/** Size of a connection end (as a source, or as a target). */
export function sourceSize(obj: ConnectionSource): number {
  switch (obj.kind) {
    case "node":
      return obj.sizeOut;
    case "ensemble":
      return obj.dimensions;
    case "neurons":
      return obj.size;
    case "inPort":
    case "outPort":
      return obj.dimensions;
  }
}

export function targetSize(obj: ConnectionTarget): number {
  switch (obj.kind) {
    case "node":
      return obj.sizeIn;
    case "ensemble":
      return obj.dimensions;
    case "neurons":
      return obj.size;
    case "inPort":
    case "outPort":
      return obj.dimensions;
  }
}

export { resolveSlice, type Slice } from "./resolveSlice.js";

/**
 * Connects two objects (Nengo's `nengo.Connection`). From an ensemble (not its neurons) the
 * connection is decoded: its decoders are solved at build so that the neurons approximate
 * `function` (identity by default) on the eval points; the transform follows the decoders.
 */
export class Connection extends IRObject {
  readonly kind = "connection" as const;
  readonly pre: ConnectionSource;
  readonly post: ConnectionTarget;
  readonly synapse: Synapse | null;
  /** The transform's values where they are dense and known before the build; null otherwise. */
  readonly denseTransform: Shaped | null;
  private readonly given: Shaped | ConnectionTransform;
  readonly function: ConnectionFunction | null;
  /**
   * The function given as target points (`function: [[...], ...]`, one row per eval point), or
   * null; `function` is then the lookup of the target of each eval point.
   */
  readonly functionPoints: FunctionPoints | null;
  readonly evalPoints: DistOrArray | undefined;
  readonly scaleEvalPoints: boolean;
  readonly solver: Solver;
  readonly preSlice: Int32Array | null;
  readonly postSlice: Int32Array | null;
  /** Size of the pre object after slicing. */
  readonly preSize: number;
  /** Size of the function's output (= preSize without a function). */
  readonly sizeMid: number;
  /** Size fed into post (after the transform, before the post slice). */
  readonly postSize: number;
  /** The learning rules' handles (connect an error into each), in the order they are built. */
  readonly learningRules: readonly LearningRule[];
  /** The `learningRule` option as given (one rule type, a list or a record), or null. */
  readonly learningRuleType: LearningRuleTypes | null;

  constructor(pre: ConnectionSource, post: ConnectionTarget, options: ConnectionOptions = {}) {
    super(options);
    this.pre = pre;
    this.post = post;
    const where = options.label !== undefined ? `Connection '${options.label}'` : `Connection from ${pre} to ${post}`;
    assertEnd(pre, "pre", where);
    assertEnd(post, "post", where);
    try {
      this.synapse = toSynapse(options.synapse === undefined ? 0.005 : options.synapse);
    } catch (cause) {
      throw new ValidationError({ object: where, attr: "synapse", message: `${cause instanceof Error ? cause.message : String(cause)}` }, { cause });
    }
    const given = options.transform === undefined ? 1 : options.transform;
    const shaped = given === null || given instanceof Transform || given instanceof Distribution ? null : toShaped(given);
    if (typeof shaped === "string") {
      throw new ValidationError({ object: where, attr: "transform", message: shaped });
    }
    const fn = options.function ?? null;
    if (fn !== null && typeof fn !== "function" && (typeof fn !== "object" || !("length" in fn))) {
      // Nengo's ConnectionFunctionParam: "Invalid connection function type"
      throw new ValidationError({
        object: where,
        attr: "function",
        message: `must be a function (x) => ... or target points (one row per eval point) (got ${kindOf(fn)})`,
      });
    }
    this.evalPoints = options.evalPoints;
    this.scaleEvalPoints = options.scaleEvalPoints ?? true;
    const solver = options.solver ?? new LstsqL2({ reg: 0.1 });
    // Nengo's ConnectionSolverParam: "Must be of type 'Solver'"
    if (!(solver instanceof Solver))
      throw new ValidationError({ object: where, attr: "solver", message: `must be a Solver such as new LstsqL2() (got ${kindOf(solver)})` });
    this.solver = decoderSolverFor(solver, pre, post, where);
    this.preSlice = resolveSlice(options.preSlice, sourceSize(pre), where, "preSlice");
    this.postSlice = resolveSlice(options.postSlice, targetSize(post), where, "postSlice");
    this.preSize = this.preSlice?.length ?? sourceSize(pre);
    this.postSize = this.postSlice?.length ?? targetSize(post);
    if (fn === null || typeof fn === "function") {
      this.functionPoints = null;
      this.function = fn;
    } else {
      const points = functionPoints(where, fn, pre, options.evalPoints, options.scaleEvalPoints ?? true, this.preSlice);
      this.functionPoints = points;
      this.function = points.lookup;
    }
    if (options.evalPoints !== undefined && (pre.kind === "node" || pre.kind === "neurons")) {
      // Nengo's EvalPointsParam: "eval_points are only valid on connections from ensembles"
      throw new ValidationError({
        object: where,
        attr: "evalPoints",
        message: `only apply to connections from an ensemble (pre is a ${pre.kind}); remove them`,
      });
    }
    if (this.functionPoints !== null) {
      this.sizeMid = this.functionPoints.sizeOut;
    } else if (this.function !== null) {
      let y: number | ArrayLike<number>;
      try {
        y = this.function(new Float64Array(this.preSize));
      } catch (cause) {
        throw new ValidationError(
          { object: where, attr: "function", message: `calling it on zeros(${this.preSize}) to find its output size threw` },
          { cause },
        );
      }
      this.sizeMid = typeof y === "number" ? 1 : y.length;
    } else {
      this.sizeMid = this.preSize;
    }
    const g: Shaped | ConnectionTransform =
      given === null
        ? new NoTransform({ sizeIn: this.sizeMid })
        : given instanceof Distribution
          ? new Dense({ shape: [this.postSize, this.sizeMid], init: given })
          : (shaped ?? (given as ConnectionTransform));
    if (g instanceof Transform) checkTransform(this, g, where);
    this.given = g;
    this.denseTransform = !(g instanceof Transform)
      ? g
      : g.kind === "Dense" && !(g.init instanceof Distribution)
        ? g.init
        : g.kind === "NoTransform"
          ? { data: Float64Array.of(1), shape: [] }
          : null;
    this.learningRuleType = options.learningRule ?? null;
    const noTransform = g instanceof Transform && g.kind === "NoTransform";
    this.learningRules = learningRulesOf(this, options.learningRule, where, (rule) => checkLearning(this, rule, where, noTransform));
  }

  /**
   * The learning rule's handle (connect the error into it), or null without one.
   * @throws ValidationError when the connection has several rules: read {@link learningRules} or {@link learningRuleFor}.
   */
  get learningRule(): LearningRule | null {
    return singleRule(this.learningRules, this.label !== undefined ? `Connection '${this.label}'` : this.toString());
  }

  /**
   * The learning rule given under `key` (Nengo's `conn.learning_rule[key]`): its index in a list,
   * its name in a record (0 for a rule given alone).
   * @throws ValidationError for a key without a rule.
   */
  learningRuleFor(key: string | number): LearningRule {
    return ruleByKey(this.learningRules, key, this.label !== undefined ? `Connection '${this.label}'` : this.toString());
  }

  /**
   * The transform's values (shape `[]` scalar, `[n]` elementwise, `[post, mid]` matrix), for a
   * transform given as numbers or as a `Dense` with explicit values (a `NoTransform` reads as the
   * scalar 1).
   * @throws ValidationError for transforms without dense values known before the build (Sparse,
   *   Convolution, ConvolutionTranspose, a Distribution): read {@link transformObject}.
   */
  get transform(): Shaped {
    if (this.denseTransform !== null) return this.denseTransform;
    throw new ValidationError({
      object: this.label !== undefined ? `Connection '${this.label}'` : this.toString(),
      attr: "transform",
      message: `is a ${(this.given as ConnectionTransform).kind} transform${(this.given as ConnectionTransform).kind === "Dense" ? " drawn from a distribution at build" : ""}, which has no dense values here; read transformObject`,
    });
  }

  /**
   * The transform as an object: the one given, or a `Dense` of `[postSize, sizeMid]` for a
   * transform given as numbers.
   * @throws ValidationError when numbers given as the transform do not fit the connection's sizes.
   */
  get transformObject(): ConnectionTransform {
    const g = this.given;
    return g instanceof Transform
      ? g
      : new Dense({ shape: [this.postSize, this.sizeMid], init: g.shape.length === 0 ? f64At(g.data, 0) : g.shape.length === 1 ? g.data : rowsOf(g) });
  }

  /** True when the connection's weights are solved decoders (from an ensemble, not its neurons). */
  get decoded(): boolean {
    return this.pre.kind === "ensemble";
  }
}

/**
 * A solver with `weights: true` only solves full weights from an ensemble into an ensemble; on
 * any other connection Nengo warns and ignores it (the connection keeps decoders, or has none to
 * solve). So does Plexus: the connection gets the same solver with `weights: false`.
 */
function decoderSolverFor(solver: Solver, pre: ConnectionSource, post: ConnectionTarget, where: string): Solver {
  if (!solver.weights || (pre.kind === "ensemble" && post.kind === "ensemble")) return solver;
  warn(
    pre.kind !== "ensemble"
      ? `${where}.solver: a connection from ${pre} (not an Ensemble) solves nothing, so weights: true has no effect`
      : `${where}.solver: weights: true has no effect on a connection into ${post} (not an Ensemble); it solves for decoders`,
    "PLEXUS_SOLVER_WEIGHTS_IGNORED",
  );
  return withParameters(solver, { weights: false });
}

function rowsOf(s: Shaped): Float64Array[] {
  const cols = numAt(s.shape, 1);
  return Array.from({ length: numAt(s.shape, 0) }, (_, i) => s.data.subarray(i * cols, (i + 1) * cols));
}

/** Nengo's `ConnectionTransformParam` checks, at construction. */
function checkTransform(conn: Connection, t: ConnectionTransform, where: string): void {
  const fail = (message: string): never => {
    throw new ValidationError({ object: where, attr: "transform", message });
  };
  if (t.sizeIn !== conn.sizeMid) {
    fail(`${t.kind} takes ${t.sizeIn} values but ${conn.function !== null ? "the function gives" : "the pre object gives"} ${conn.sizeMid}`);
  }
  if (t.sizeOut !== conn.postSize) fail(`${t.kind} gives ${t.sizeOut} values but the post object takes ${conn.postSize}`);
  const decoded = conn.pre.kind === "ensemble" && conn.pre.neuronType.kind !== "Direct";
  if (decoded && t.kind !== "Dense" && t.kind !== "NoTransform") {
    fail(`a ${t.kind} transform cannot follow decoders (a connection from an ensemble); connect from its neurons, or use a Dense transform`);
  }
}

function checkLearning(conn: Connection, rule: LearningRuleType, where: string, noTransform: boolean): LearningRuleType {
  const fail = (message: string): never => {
    throw new ValidationError({ object: where, attr: "learningRule", message });
  };
  const learns = rule.modifies;
  // Nengo's LearningRuleTypeParam.check_rule (a custom rule's class may name anything)
  if (!(RULE_TARGETS as readonly string[]).includes(learns))
    fail(`Unrecognized target '${learns}': ${rule.typeName}.modifies must be one of ${RULE_TARGETS.join(", ")}`);
  if (rule.modifies === "encoders") {
    // Nengo's check_post for encoder rules (no check of pre or transform)
    if (conn.post.kind !== "ensemble") fail(`'post' must be an Ensemble for ${rule.typeName}, which learns its encoders (got ${conn.post})`);
    if (conn.post.kind === "ensemble" && conn.post.neuronType.kind === "Direct") fail(`${rule.typeName} learns encoders, and a Direct-mode ensemble has none`);
    if (conn.solver.weights) fail(`${rule.typeName} learns encoders, which a connection solved for full weights (solver weights: true) does not use`);
    if (conn.postSlice !== null) fail(`${rule.typeName} moves every encoder toward the connection's whole output; remove postSlice`);
    return rule;
  }
  if (conn.pre.kind !== "ensemble" && conn.pre.kind !== "neurons")
    fail(`${rule.typeName} learns ${learns}: the pre object must be an ensemble or its neurons (got ${conn.pre})`);
  if (conn.pre.kind === "ensemble" && conn.pre.neuronType.kind === "Direct") fail(`${rule.typeName} learns ${learns}, and a Direct-mode ensemble has none`);
  // Nengo's check_post: a learning rule is not a Node there, so a rule cannot feed another rule's connection
  if (conn.post instanceof LearningRule)
    fail(`'post' must be an Ensemble, Neurons or Node for ${rule.typeName} (got the learning rule ${conn.post}); connect into the ensemble or node itself`);
  // Nengo's Connection.has_weights: a decoded connection solves weights even with NoTransform; one from neurons has none
  if (noTransform && conn.pre.kind === "neurons")
    fail(`${rule.typeName} learns ${learns}, but the connection does not have weights (NoTransform); give a Dense transform (e.g. the identity matrix)`);
  const dense = conn.denseTransform;
  const t = dense === null ? conn.transformObject : null;
  if (t !== null && t.kind !== "Dense") fail(`learning on connections with ${t.kind} transforms is not supported (Dense only)`);
  const shape = dense?.shape ?? [conn.postSize, conn.sizeMid];
  if (rule.modifies === "weights") {
    checkWeightsRule(conn, rule.typeName, shape, fail);
    return rule;
  }
  // a custom decoders rule writes a delta of the weights shape itself (Nengo leaves that to its builder)
  if (toNeurons(conn) && rule.kind !== "Custom") checkDecodersToNeurons(conn, rule.kind, fail);
  if (conn.pre.kind === "neurons" && shape.length !== 2)
    fail(`the transform must be a 2-dimensional matrix for learning from neurons (got shape [${shape.join(", ")}])`);
  // Nengo's RLS reads all of pre's neurons, so its step fails on a slice of them
  if (rule.kind === "RLS" && conn.pre.kind === "neurons" && conn.preSlice !== null) fail(`RLS reads every pre neuron; remove preSlice`);
  return rule;
}

/**
 * A decoder rule on a connection that feeds neurons directly (Nengo's `conn._to_neurons`): PES
 * learns there through the post encoders (`local_error = encoders · error`), with a post slice
 * that is a slice (`{ start, stop, step }`, or indices evenly spaced: Nengo's build refuses
 * advanced indexing there). RLS has no such path in Nengo (its step fails on the shapes), so
 * Plexus refuses it up front.
 */
function checkDecodersToNeurons(conn: Connection, kind: string, fail: (message: string) => never): void {
  if (kind !== "PES") {
    fail(
      `${kind} learns decoders and has no path through the post encoders; connect to the ensemble (not its neurons) with a solver of weights: false, or use PES`,
    );
  }
  const idx = conn.postSlice;
  const step = idx !== null && idx.length > 1 ? i32At(idx, 1) - i32At(idx, 0) : 1;
  if (idx !== null && (step === 0 || idx.some((v, i) => v !== i32At(idx, 0) + i * step))) {
    fail(
      `PES does not support advanced indexing on a connection ${conn.post.kind === "neurons" ? "into neurons" : "solved for full weights"} (postSlice [${Array.from(idx).join(", ")}] is not evenly spaced); give postSlice as { start, stop, step }`,
    );
  }
}

/**
 * Nengo's checks for a rule that modifies full weights (BCM, Oja): the connection goes to neurons
 * (post `ens.neurons`, or a weight solver between ensembles), with a `[post, pre]` neuron matrix.
 * Plexus also refuses slices, with which Nengo's rule would fail at its first step.
 */
function checkWeightsRule(conn: Connection, kind: string, shape: readonly number[], fail: (message: string) => never): void {
  if (!toNeurons(conn))
    fail(`${kind} can only be applied on connections to neurons; use a solver with weights: true between two ensembles, or connect two Neurons objects`);
  if (conn.preSlice !== null || conn.postSlice !== null) fail(`${kind} learns the weights between all pre and all post neurons; remove preSlice/postSlice`);
  if (conn.pre.kind === "neurons" || !conn.solver.weights) {
    const preN = conn.pre.kind === "ensemble" ? conn.pre.nNeurons : conn.preSize;
    if (shape.length !== 2 || shape[0] !== conn.postSize || shape[1] !== preN) {
      fail(
        `the transform must be a 2-dimensional [${conn.postSize}, ${preN}] matrix (post neurons × pre neurons) for ${kind} (got shape [${shape.join(", ")}])`,
      );
    }
  }
}
