import { optionsObject } from "../internal/optionsObject.js";
import type { Synapse, SynapseLike } from "../synapses/Synapse.js";
import { FrozenRuleType, freezeParameters } from "./FrozenRuleType.js";
import { nonNegative, ruleSynapse } from "./ruleOptions.js";

/** Options of {@link RLS}. */
export interface RLSOptions {
  /** κ, the scalar learning rate (>= 0): the inverse correlation estimate starts at κ·dt/n · I. Default 1e-3 (Nengo's). */
  readonly learningRate?: number;
  /** Filter of the pre-synaptic activities: a Synapse, a Lowpass time constant (s), or null for none. Default Lowpass(0.005). */
  readonly preSynapse?: SynapseLike;
}

/**
 * The Recursive Least Squares rule (Nengo's `nengo.RLS`): like {@link PES} it changes a
 * connection's decoders from an error given through `net.connect(error, conn.learningRule)`
 * (error = actual − target), but with a running estimate P of the inverse correlation of the
 * filtered pre activities r (P₀ = κ·dt/n · I). Each step,
 *
 *   P ← P − (P r)(P r)ᵀ / (1 + rᵀ P r),   Δω = −e (P r)ᵀ / (1 + rᵀ P r)
 *
 * applied at the start of the next step, as in Nengo. Its cost per step is O(n²) in the pre
 * neurons. Same connections as PES.
 *
 * Probeable: `"delta"`, `"error"`, `"preFiltered"`, `"invGamma"` (P, n × n).
 */
export class RLS extends FrozenRuleType {
  readonly kind = "RLS" as const;
  readonly modifies = "decoders" as const;
  readonly probeable = ["preFiltered", "error", "delta", "invGamma"] as const;
  readonly learningRate: number;
  readonly preSynapse: Synapse | null;

  /** @throws ValidationError for a negative or non-finite learning rate, or a bad synapse. */
  constructor(options: RLSOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.learningRate = nonNegative("RLS", "learningRate", opts.learningRate, 1e-3);
    this.preSynapse = ruleSynapse("RLS", "preSynapse", opts.preSynapse, 0.005);
    freezeParameters(this);
  }

  /** The size of the rule's input (Nengo's `size_in`): its error, in the post ensemble's space: `"post_state"`. */
  get sizeIn(): "post_state" {
    return "post_state";
  }

  override toString(): string {
    return `RLS(learningRate=${this.learningRate})`;
  }
}
