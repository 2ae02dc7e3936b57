import { ValidationError } from "../../errors.js";

/**
 * The state array `name` of a neuron type's `step`, or a `ValidationError` naming the neuron type and
 * the missing variable (the caller passed a state not made by `makeState`).
 */
export function stateVar(state: Readonly<Record<string, Float64Array>>, name: string, kind: string): Float64Array {
  const v = state[name];
  if (v === undefined)
    throw new ValidationError({ object: kind, attr: "state", message: `has no '${name}' array: pass the state that makeState(nNeurons, rng) returns` });
  return v;
}
