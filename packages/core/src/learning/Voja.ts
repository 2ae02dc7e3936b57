import { optionsObject } from "../internal/optionsObject.js";
import type { Synapse, SynapseLike } from "../synapses/Synapse.js";
import { FrozenRuleType, freezeParameters } from "./FrozenRuleType.js";
import { nonNegative, ruleSynapse } from "./ruleOptions.js";

/** Options of {@link Voja}. */
export interface VojaOptions {
  /** κ, the scalar learning rate (>= 0). Default 1e-2 (Nengo's). */
  readonly learningRate?: number;
  /** Filter of the post ensemble's neuron activities: a Synapse, a Lowpass time constant (s), or null for none. Default Lowpass(0.005). */
  readonly postSynapse?: SynapseLike;
}

/**
 * The Vector Oja learning rule (Nengo's `nengo.Voja`): moves the post ensemble's encoders toward
 * the decoded input x of the connection, for the neurons that are active. Each step,
 *
 *   Δe_i = κ · dt · L · (s_i · a_i · x − a_i · e_i)
 *
 * with e_i the scaled encoder of post neuron i, s_i = gain_i / radius, a_i its output filtered by
 * `postSynapse`, x the post ensemble's decoded input (Nengo's `model.sig[conn]["out"]`: the sum of
 * every connection into it, after their synapses), and L the learning signal: 1
 * plus what connections into the rule give (`net.connect(signal, conn.learningRule)`, one
 * dimension; 1 without any, as Nengo). Applied at the start of the next step. The connection must
 * go into an ensemble (not its neurons, no full-weight solver).
 *
 * Probeable: `"delta"`, `"postFiltered"`, `"scaledEncoders"`.
 */
export class Voja extends FrozenRuleType {
  readonly kind = "Voja" as const;
  readonly modifies = "encoders" as const;
  readonly probeable = ["postFiltered", "scaledEncoders", "delta"] as const;
  readonly learningRate: number;
  readonly postSynapse: Synapse | null;

  /** @throws ValidationError for a negative or non-finite learning rate, or a bad synapse. */
  constructor(options: VojaOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.learningRate = nonNegative("Voja", "learningRate", opts.learningRate, 1e-2);
    this.postSynapse = ruleSynapse("Voja", "postSynapse", opts.postSynapse, 0.005);
    freezeParameters(this);
  }

  /** The size of the rule's input (Nengo's `size_in`): its learning signal, 1 dimension. */
  get sizeIn(): 1 {
    return 1;
  }

  override toString(): string {
    return `Voja(learningRate=${this.learningRate})`;
  }
}
