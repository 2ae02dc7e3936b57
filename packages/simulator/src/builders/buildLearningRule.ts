import {
  BuildError,
  type Connection,
  type CustomLearningRule,
  type Ensemble,
  type LearningRule,
  RULE_TARGETS,
  type Synapse,
  toNeurons,
  type Voja,
} from "@plexus/core";
import type { BuildContext } from "../BuildContext.js";
import type { Kernel } from "../Kernel.js";
import { customRuleKernel } from "../kernels/customRuleKernel.js";
import { bcmKernel, ojaKernel } from "../kernels/hebbianKernels.js";
import { applyDeltaKernel, encodeErrorKernel, pesKernel } from "../kernels/pesKernel.js";
import { rlsKernel } from "../kernels/rlsKernel.js";
import { vojaKernel } from "../kernels/vojaKernel.js";
import type { Signal } from "../Signal.js";

/** What the connection's build left for its learning rule. */
export interface LearningTarget {
  /** The connection's weights (a writable buffer), `rows × n` row-major. */
  readonly weights: Signal;
  /** What the weights multiply: the pre neurons' output (sliced for a connection from neurons). */
  readonly activities: Signal;
}

/**
 * Builds a connection's learning rule as Nengo's `build_learning_rule`: a delta buffer added to
 * the weights at the start of each step (before the weights are used), then the rule's own build
 * (`build_pes`, `build_bcm`, `build_oja`): its inputs filtered by the rule's synapses within the
 * step (Nengo builds them in set mode: no extra delay) and the kernel that updates the delta.
 * The rule's probeable signals are recorded in `ctx.ruleSignals`.
 * Several rules on one connection are built one after the other, each with its own delta.
 * @throws BuildError for a rule of another connection, or a target other than decoders, encoders or weights.
 */
export function buildLearningRule(conn: Connection, rule: LearningRule, target: LearningTarget, ctx: BuildContext): void {
  if (rule.connection !== conn) throw new BuildError(`${rule}: is not a learning rule of ${conn}`, { label: conn.toString() });
  const owner = rule.toString();
  const type = rule.rule;
  const filter = (synapse: Synapse | null, input: Signal, name: string): Signal => filtered(synapse, input, `${owner}.${name}`, owner, ctx);
  // Nengo's build_learning_rule (a custom rule's class may have changed its modifies since the connection took it)
  if (!(RULE_TARGETS as readonly string[]).includes(type.modifies))
    throw new BuildError(`${owner}: Unknown target '${type.modifies}'; ${type.typeName}.modifies must be one of ${RULE_TARGETS.join(", ")}`, { label: owner });
  if (type.kind === "Custom") {
    buildCustom(conn, rule, type, target, filter, ctx);
    return;
  }
  if (type.kind === "Voja") {
    buildVoja(conn, rule, type, filter, ctx);
    return;
  }
  const delta = ctx.signal(`${owner}.delta`, target.weights.size);
  ctx.add(applyDeltaKernel(delta, target.weights, owner));
  if (type.kind === "PES") {
    const error = ctx.node(rule).input;
    if (error === null) throw new BuildError(`${owner}: has no error buffer`, { label: owner });
    const activities = filter(type.preSynapse, target.activities, "activities");
    const local = toNeurons(conn) ? encodedError(conn, error, owner, ctx) : error;
    ctx.add(pesKernel({ activities, error: local, delta, learningRate: type.learningRate, owner }));
    ctx.ruleSignals.set(rule, { delta, error, activities });
    return;
  }
  if (type.kind === "RLS") {
    const error = ctx.node(rule).input;
    if (error === null) throw new BuildError(`${owner}: has no error buffer`, { label: owner });
    const preFiltered = filter(type.preSynapse, target.activities, "preFiltered");
    const n = preFiltered.size;
    const p0 = new Float64Array(n * n);
    const lr = (type.learningRate * ctx.dt) / n;
    for (let i = 0; i < n; i++) p0[i * n + i] = lr;
    const invGamma = ctx.signal(`${owner}.invGamma`, n * n, p0);
    const pr = ctx.signal(`${owner}.Pr`, n);
    ctx.add(rlsKernel({ pre: preFiltered, error, invGamma, pr, delta, owner }));
    ctx.ruleSignals.set(rule, { delta, error, preFiltered, invGamma });
    return;
  }
  // BCM and Oja read the whole pre and post ensembles' neuron outputs (Nengo's get_pre_ens / get_post_ens)
  const preAct = neuronsOut(conn.pre.kind === "ensemble" ? conn.pre : conn.pre.kind === "neurons" ? conn.pre.ensemble : null, owner, ctx);
  const postAct = neuronsOut(conn.post.kind === "ensemble" ? conn.post : conn.post.kind === "neurons" ? conn.post.ensemble : null, owner, ctx);
  const preFiltered = filter(type.preSynapse, preAct, "preFiltered");
  const postFiltered = filter(type.postSynapse, postAct, "postFiltered");
  if (type.kind === "BCM") {
    const theta = filter(type.thetaSynapse, postAct, "theta");
    ctx.add(bcmKernel({ pre: preFiltered, post: postFiltered, theta, delta, learningRate: type.learningRate, owner }));
    ctx.ruleSignals.set(rule, { delta, theta, preFiltered, postFiltered });
  } else {
    ctx.add(ojaKernel({ pre: preFiltered, post: postFiltered, weights: target.weights, delta, learningRate: type.learningRate, beta: type.beta, owner }));
    ctx.ruleSignals.set(rule, { delta, preFiltered, postFiltered });
  }
}

/** Nengo's `build_voja`: the post encoders += delta each step, delta from the post's decoded input and its filtered activities. */
function buildVoja(
  conn: Connection,
  rule: LearningRule,
  voja: Voja,
  filter: (s: Synapse | null, input: Signal, name: string) => Signal,
  ctx: BuildContext,
): void {
  const owner = rule.toString();
  const post = conn.post;
  if (post.kind !== "ensemble") throw new BuildError(`${owner}: Voja needs an ensemble as post (got ${post})`, { label: owner });
  const ps = ctx.ensemble(post);
  // Nengo's pre_decoded is model.sig[conn]["out"]: the post ensemble's input, the sum of every connection into it
  const decoded = ps.input;
  const learning = ctx.node(rule).input;
  if (ps.direct || learning === null) throw new BuildError(`${owner}: the post ensemble's encoders or its neurons were not built`, { label: owner });
  const delta = ctx.signal(`${owner}.delta`, ps.scaledEncoders.size);
  ctx.add(applyDeltaKernel(delta, ps.scaledEncoders, owner, "encoders += delta"));
  const postFiltered = filter(voja.postSynapse, ps.neuronsOut, "postFiltered");
  // the gain (and radius) are folded into the scaled encoders, so the move toward x scales with them
  const scale = ctx.constant(
    `${owner}.scale`,
    Float64Array.from(ps.params.gain, (g) => g / post.radius),
  );
  ctx.add(vojaKernel({ decoded, post: postFiltered, scaledEncoders: ps.scaledEncoders, learning, delta, scale, learningRate: voja.learningRate, owner }));
  ctx.ruleSignals.set(rule, { delta, postFiltered, scaledEncoders: ps.scaledEncoders });
}

/**
 * A user-defined rule (`CustomLearningRule`): the delta added to the weights, or to the post
 * ensemble's scaled encoders, at the start of each step, and the rule's step writing it from its
 * input, the filtered pre activities, the filtered post neurons' output, the post's decoded input
 * (an encoders rule) and the target (an `"update"` rule).
 */
function buildCustom(
  conn: Connection,
  rule: LearningRule,
  type: CustomLearningRule,
  target: LearningTarget,
  filter: (s: Synapse | null, input: Signal, name: string) => Signal,
  ctx: BuildContext,
): void {
  const owner = rule.toString();
  const update = type.writes === "update";
  const post = conn.post.kind === "ensemble" ? conn.post : conn.post.kind === "neurons" ? conn.post.ensemble : null;
  const ps = post === null ? null : ctx.ensemble(post);
  let modified: Signal;
  let rows: number;
  let postInput: Signal | null = null;
  let preFiltered: Signal | null = null;
  if (type.modifies === "encoders") {
    if (post === null || ps === null || ps.direct)
      throw new BuildError(`${owner}: learns encoders, and the post has none (an ensemble with neurons)`, { label: owner });
    modified = ps.scaledEncoders;
    rows = post.nNeurons;
    postInput = ps.input;
  } else {
    modified = target.weights;
    rows = target.weights.size / Math.max(1, target.activities.size);
    preFiltered = filter(type.preSynapse, target.activities, "preFiltered");
  }
  const delta = ctx.signal(`${owner}.delta`, modified.size);
  ctx.add(applyDeltaKernel(delta, modified, owner, `${type.modifies === "encoders" ? "encoders" : "weights"} += delta`));
  // a "set" rule runs before the post neurons this step, which its change feeds: it cannot read them
  const postFiltered = update && ps !== null && !ps.direct ? filter(type.postSynapse, ps.neuronsOut, "postFiltered") : null;
  const input = ctx.node(rule).input;
  const cols = rows === 0 ? 0 : modified.size / rows;
  ctx.add(customRuleKernel({ rule: type, input, preFiltered, postFiltered, postInput, target: update ? modified : null, delta, rows, cols, owner }));
  const probed: Record<string, Signal> = { delta };
  if (input !== null) probed["input"] = input;
  if (preFiltered !== null) probed["preFiltered"] = preFiltered;
  if (postFiltered !== null) probed["postFiltered"] = postFiltered;
  ctx.ruleSignals.set(rule, probed);
}

/**
 * Nengo's `build_pes` on a connection into neurons (`conn._to_neurons`): the error, in the post
 * ensemble's space, times its scaled encoders gives one error per post neuron the connection
 * feeds (the encoder rows of the neurons' slice for a post of neurons, the columns of the
 * dimensions' slice for full weights into an ensemble).
 */
function encodedError(conn: Connection, error: Signal, owner: string, ctx: BuildContext): Signal {
  const post = conn.post.kind === "neurons" ? conn.post.ensemble : conn.post.kind === "ensemble" ? conn.post : null;
  const encoders = post === null ? null : ctx.ensemble(post).scaledEncoders;
  if (post === null || encoders === null) throw new BuildError(`${owner}: PES into neurons needs the post ensemble's encoders`, { label: owner });
  const all = { start: 0, step: 1 };
  const slice = progression(conn.postSlice, owner);
  const byNeuron = conn.post.kind === "neurons";
  const out = ctx.signal(`${owner}.localError`, byNeuron ? conn.postSize : post.nNeurons);
  ctx.add(encodeErrorKernel({ encoders, dimensions: post.dimensions, rows: byNeuron ? slice : all, cols: byNeuron ? all : slice, error, out, owner }));
  return out;
}

/** A post slice as `start + i·step` (Nengo's PES into neurons takes Python slices only, which core checks). */
function progression(idx: Int32Array | null, owner: string): { start: number; step: number } {
  if (idx === null) return { start: 0, step: 1 };
  const start = idx[0] ?? 0;
  const step = idx.length > 1 ? (idx[1] ?? 0) - start : 1;
  for (let i = 0; i < idx.length; i++) {
    if (idx[i] !== start + i * step)
      throw new BuildError(`${owner}: PES does not support advanced indexing on non-decoded connections; slice the post with { start, stop, step }`, {
        label: owner,
      });
  }
  return { start, step };
}

/** The neurons' output of the ensemble a weights rule reads. */
function neuronsOut(ens: Ensemble | null, owner: string, ctx: BuildContext): Signal {
  const s = ens === null ? null : ctx.ensemble(ens).neuronsOut;
  if (s === null)
    throw new BuildError(`${owner}: reads the neurons of the pre and post ensembles, and one of them has none (Direct mode or not an ensemble)`, {
      label: owner,
    });
  return s;
}

/** `input` filtered by `synapse` within the step (Nengo's `build_or_passthrough`), or `input` itself for none. */
function filtered(synapse: Synapse | null, input: Signal, name: string, owner: string, ctx: BuildContext): Signal {
  if (synapse === null) return input;
  const out = ctx.signal(name, input.size);
  const reg = ctx.registry;
  const builder = reg.synapses[synapse.kind] ?? reg.synapses["*"];
  if (builder === undefined) throw new BuildError(`${owner}: no synapse kernel for ${synapse.kind} and no "*" entry in the registry`, { label: owner });
  ctx.add(setMode(builder({ synapse, input, output: out, owner }, ctx, reg)));
  return out;
}

/** A synapse kernel run in set mode (its output written before this step's readers), as Nengo's `SimProcess(mode="set")`. */
function setMode(k: Kernel): Kernel {
  return { owner: k.owner, role: `${k.role}, set`, reads: k.reads, sets: [...k.sets, ...k.updates], incs: k.incs, updates: [], emit: (e) => k.emit(e) };
}
