import { optionsObject } from "../internal/optionsObject.js";
import type { Synapse, SynapseLike } from "../synapses/Synapse.js";
import { FrozenRuleType, freezeParameters } from "./FrozenRuleType.js";
import { nonNegative, ruleSynapse } from "./ruleOptions.js";

/** Options of {@link BCM}. */
export interface BCMOptions {
  /** κ, the scalar learning rate (>= 0). Default 1e-9 (Nengo's). */
  readonly learningRate?: number;
  /** Filter of the pre-synaptic activities: a Synapse, a Lowpass time constant (s), or null for none. Default Lowpass(0.005). */
  readonly preSynapse?: SynapseLike;
  /** Filter of the post-synaptic activities. Default: the same as `preSynapse` (Nengo's). */
  readonly postSynapse?: SynapseLike;
  /** Filter of the post activities giving θ, their running average. Default Lowpass(1.0). */
  readonly thetaSynapse?: SynapseLike;
}

/**
 * The Bienenstock-Cooper-Munroe learning rule (Nengo's `nengo.BCM`): changes a connection's full
 * weights (post neurons × pre neurons) from the pre and post neurons' activities. Each step,
 *
 *   Δω_ij = κ · dt · a_i · (a_i − θ_i) · a_j
 *
 * with a_i the post neuron's output filtered by `postSynapse`, θ_i the post output filtered by
 * `thetaSynapse`, and a_j the pre neuron's output filtered by `preSynapse`. The change is applied
 * at the start of the next step, as in Nengo. The connection must end in neurons (`post` =
 * `ens.neurons`, a `[post, pre]` matrix transform from `pre.neurons`) or be solved for full weights
 * (`LstsqL2({ weights: true })` between ensembles).
 *
 * Probeable (`net.probe(conn.learningRule, { attr })`): `"delta"`, `"theta"`, `"preFiltered"`,
 * `"postFiltered"`.
 */
export class BCM extends FrozenRuleType {
  readonly kind = "BCM" as const;
  /** What the rule changes (Nengo's `modifies`). */
  readonly modifies = "weights" as const;
  /** The attributes a probe of the rule can record (Nengo's `probeable`). */
  readonly probeable = ["theta", "preFiltered", "postFiltered", "delta"] as const;
  readonly learningRate: number;
  readonly preSynapse: Synapse | null;
  readonly postSynapse: Synapse | null;
  readonly thetaSynapse: Synapse | null;

  /** @throws ValidationError for a negative or non-finite learning rate, or a bad synapse. */
  constructor(options: BCMOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.learningRate = nonNegative("BCM", "learningRate", opts.learningRate, 1e-9);
    this.preSynapse = ruleSynapse("BCM", "preSynapse", opts.preSynapse, 0.005);
    this.postSynapse = opts.postSynapse === undefined ? this.preSynapse : ruleSynapse("BCM", "postSynapse", opts.postSynapse, null);
    this.thetaSynapse = ruleSynapse("BCM", "thetaSynapse", opts.thetaSynapse, 1.0);
    freezeParameters(this);
  }

  /** The size of the rule's input (Nengo's `size_in`): none (0). */
  get sizeIn(): 0 {
    return 0;
  }

  override toString(): string {
    return `BCM(learningRate=${this.learningRate})`;
  }
}
