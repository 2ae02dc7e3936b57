import { optionsObject } from "../internal/optionsObject.js";
import { warn } from "../internal/warn.js";
import type { Synapse, SynapseLike } from "../synapses/Synapse.js";
import { FrozenRuleType, freezeParameters } from "./FrozenRuleType.js";
import { nonNegative, ruleSynapse } from "./ruleOptions.js";

/** Options of {@link PES}. */
export interface PESOptions {
  /** κ, the scalar learning rate (>= 0). Default 1e-4 (Nengo's). */
  readonly learningRate?: number;
  /** Filter of the pre-synaptic activities: a Synapse, a Lowpass time constant (s), or null for none. Default Lowpass(0.005). */
  readonly preSynapse?: SynapseLike;
}

/**
 * The Prescribed Error Sensitivity learning rule (Nengo's `nengo.PES`): modifies a connection's
 * decoders (its weights, `transform · decodersᵀ`) to reduce an error signal given through a
 * connection into the rule, `net.connect(error, conn.learningRule)`. Each step,
 *
 *   Δω_ij = −(κ · dt / n) · e_i · a_j
 *
 * with κ the learning rate, n the number of pre-synaptic neurons, e the error (the rule's input
 * this step, `conn.postSize` values: error = actual − target), and a the pre neurons' output
 * filtered by `preSynapse` (within the step). The change is applied at the start of the next step
 * (an update), so a weight change takes effect one step later, as in Nengo.
 *
 * A rule type holds only parameters and can be shared by connections; each connection gets its
 * own {@link LearningRule}.
 */
export class PES extends FrozenRuleType {
  readonly kind = "PES" as const;
  /** What the rule changes (Nengo's `modifies`). */
  readonly modifies = "decoders" as const;
  /** The attributes a probe of the rule can record (Nengo's `probeable`; `error` is the rule's input). */
  readonly probeable = ["error", "activities", "delta"] as const;
  readonly learningRate: number;
  readonly preSynapse: Synapse | null;

  /**
   * Warns (as Nengo) for a learning rate of 1 or more, which can drive the post far out of range.
   * @throws ValidationError for a negative or non-finite learning rate, or a bad synapse.
   */
  constructor(options: PESOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.learningRate = nonNegative("PES", "learningRate", opts.learningRate, 1e-4);
    if (opts.learningRate !== undefined && this.learningRate >= 1.0)
      warn(`PES learningRate ${this.learningRate} is very high, and can result in floating point errors from too much current`, "PLEXUS_PES_HIGH_RATE");
    this.preSynapse = ruleSynapse("PES", "preSynapse", opts.preSynapse, 0.005);
    freezeParameters(this);
  }

  /** The size of the rule's input (Nengo's `size_in`): its error, in the post ensemble's space: `"post_state"`. */
  get sizeIn(): "post_state" {
    return "post_state";
  }

  override toString(): string {
    return `PES(learningRate=${this.learningRate})`;
  }
}

export type { LearningRuleType } from "./LearningRuleType.js";
