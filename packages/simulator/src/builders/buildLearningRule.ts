import { BuildError, type Connection } from "@plexus/core";
import type { BuildContext } from "../BuildContext.js";
import type { Kernel } from "../Kernel.js";
import { applyDeltaKernel, pesKernel } from "../kernels/pesKernel.js";
import type { Signal } from "../Signal.js";

/** What the connection's build left for its learning rule. */
export interface LearningTarget {
  /** The connection's weights (a writable buffer), `rows × n` row-major. */
  readonly weights: Signal;
  /** What the weights multiply: the pre neurons' output (sliced for a connection from neurons). */
  readonly activities: Signal;
}

/**
 * Builds a connection's learning rule as Nengo's `build_learning_rule` + `build_pes`: a delta
 * buffer added to the weights at the start of each step (before the weights are used), the
 * pre-synaptic activities filtered by `preSynapse` within the step (Nengo builds that synapse in
 * set mode: no extra delay), and the PES kernel, which reads them with the error (the sum of the
 * connections into `conn.learningRule` this step) and updates the delta.
 * @throws BuildError for a connection without a learning rule.
 */
export function buildLearningRule(conn: Connection, target: LearningTarget, ctx: BuildContext): void {
  const rule = conn.learningRule;
  if (rule === null) throw new BuildError(`${conn}: has no learning rule`, { label: conn.toString() });
  const owner = rule.toString();
  const error = ctx.node(rule).input;
  if (error === null) throw new BuildError(`${owner}: has no error buffer`, { label: owner });
  const delta = ctx.signal(`${owner}.delta`, target.weights.size);
  ctx.add(applyDeltaKernel(delta, target.weights, owner));
  let activities = target.activities;
  const synapse = rule.rule.preSynapse;
  if (synapse !== null) {
    const filtered = ctx.signal(`${owner}.activities`, activities.size);
    const reg = ctx.registry;
    const builder = reg.synapses[synapse.kind] ?? reg.synapses["*"];
    if (builder === undefined) throw new BuildError(`${owner}: no synapse kernel for ${synapse.kind} and no "*" entry in the registry`, { label: owner });
    ctx.add(setMode(builder({ synapse, input: activities, output: filtered, owner }, ctx, reg)));
    activities = filtered;
  }
  ctx.add(pesKernel({ activities, error, delta, learningRate: rule.rule.learningRate, owner }));
}

/** A synapse kernel run in set mode (its output written before this step's readers), as Nengo's `SimProcess(mode="set")`. */
function setMode(k: Kernel): Kernel {
  return { owner: k.owner, role: `${k.role}, set`, reads: k.reads, sets: [...k.sets, ...k.updates], incs: k.incs, updates: [], emit: (e) => k.emit(e) };
}
