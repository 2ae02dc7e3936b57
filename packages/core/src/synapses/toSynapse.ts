import { ValidationError } from "../errors.js";
import { kindOf } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import { Lowpass } from "./Lowpass.js";
import { Synapse, type SynapseLike } from "./Synapse.js";

/**
 * Resolves what a connection or probe was given as its synapse (Nengo's `SynapseParam`): a
 * number is a {@link Lowpass} time constant in seconds, `null` is no synapse (and no delay), a
 * {@link Synapse} is used as it is.
 * @param what Names the attribute in errors, e.g. `Connection[3].synapse`.
 * @throws ValidationError for a negative, non-finite or non-numeric time constant.
 */
export function toSynapse(s: SynapseLike, what = "synapse"): Synapse | null {
  if (typeof what !== "string") {
    throw new ValidationError({
      object: "toSynapse",
      attr: "what",
      message: `must be a string naming the attribute, e.g. "Connection[3].synapse" (got ${kindOf(what)})`,
    });
  }
  if (s === null) return null;
  if (s instanceof Synapse) return s;
  if (typeof s !== "number" || !Number.isFinite(s) || s < 0) {
    const dot = what.lastIndexOf(".");
    throw new ValidationError({
      object: dot > 0 ? what.slice(0, dot) : what,
      ...(dot > 0 ? { attr: what.slice(dot + 1) } : {}),
      message: `a synapse time constant must be a finite number >= 0 in seconds, or null for none (got ${showValue(s)})`,
    });
  }
  return new Lowpass(s);
}
