import { ValidationError } from "../errors.js";
import { showValue } from "../internal/showValue.js";
import { Lowpass } from "../synapses/Lowpass.js";
import type { Synapse, SynapseLike } from "../synapses/Synapse.js";
import { toSynapse } from "../synapses/toSynapse.js";

/** A rule's non-negative finite number parameter (Nengo's `NumberParam(low=0)`), or its default. */
export function nonNegative(rule: string, attr: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) {
    throw new ValidationError({ object: rule, attr, message: `must be a finite number >= 0 (got ${showValue(v)})` });
  }
  return v;
}

/** A rule's synapse parameter: undefined gives `fallback` (a Lowpass time constant, or null for none). */
export function ruleSynapse(rule: string, attr: string, value: SynapseLike | undefined, fallback: number | null): Synapse | null {
  if (value === undefined) return fallback === null ? null : new Lowpass(fallback);
  return toSynapse(value, `${rule}.${attr}`);
}
