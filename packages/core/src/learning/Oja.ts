import { optionsObject } from "../internal/optionsObject.js";
import type { Synapse, SynapseLike } from "../synapses/Synapse.js";
import { FrozenRuleType, freezeParameters } from "./FrozenRuleType.js";
import { nonNegative, ruleSynapse } from "./ruleOptions.js";

/** Options of {@link Oja}. */
export interface OjaOptions {
  /** κ, the scalar learning rate (>= 0). Default 1e-6 (Nengo's). */
  readonly learningRate?: number;
  /** Filter of the pre-synaptic activities: a Synapse, a Lowpass time constant (s), or null for none. Default Lowpass(0.005). */
  readonly preSynapse?: SynapseLike;
  /** Filter of the post-synaptic activities. Default: the same as `preSynapse` (Nengo's). */
  readonly postSynapse?: SynapseLike;
  /** β, the weight of the forgetting term (>= 0). Default 1.0. */
  readonly beta?: number;
}

/**
 * The Oja learning rule (Nengo's `nengo.Oja`): Hebbian co-activity with a forgetting term
 * proportional to the weight and the square of the post activity, on a connection's full
 * weights (post neurons × pre neurons). Each step,
 *
 *   Δω_ij = κ · dt · (a_i · a_j − β · a_i² · ω_ij)
 *
 * with a_i the post neuron's output filtered by `postSynapse`, a_j the pre neuron's output
 * filtered by `preSynapse`, and ω the weights this step. Applied at the start of the next step,
 * as in Nengo; the connection must be one {@link BCM} accepts.
 *
 * Probeable: `"delta"`, `"preFiltered"`, `"postFiltered"`.
 */
export class Oja extends FrozenRuleType {
  readonly kind = "Oja" as const;
  readonly modifies = "weights" as const;
  readonly probeable = ["preFiltered", "postFiltered", "delta"] as const;
  readonly learningRate: number;
  readonly preSynapse: Synapse | null;
  readonly postSynapse: Synapse | null;
  readonly beta: number;

  /** @throws ValidationError for a negative or non-finite learning rate or beta, or a bad synapse. */
  constructor(options: OjaOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.learningRate = nonNegative("Oja", "learningRate", opts.learningRate, 1e-6);
    this.preSynapse = ruleSynapse("Oja", "preSynapse", opts.preSynapse, 0.005);
    this.postSynapse = opts.postSynapse === undefined ? this.preSynapse : ruleSynapse("Oja", "postSynapse", opts.postSynapse, null);
    this.beta = nonNegative("Oja", "beta", opts.beta, 1.0);
    freezeParameters(this);
  }

  /** The size of the rule's input (Nengo's `size_in`): none (0). */
  get sizeIn(): 0 {
    return 0;
  }

  override toString(): string {
    return `Oja(learningRate=${this.learningRate}, beta=${this.beta})`;
  }
}
