import { type Network, ValidationError } from "@plexus/core";
import type { TrainedSubnetwork } from "../TrainedSubnetwork.js";

/** One trained parameter as the interior keeps it (a private copy). */
export interface FrozenParameter {
  readonly shape: readonly number[];
  readonly values: Float64Array;
  readonly trainable: boolean;
}

/** What a TrainedSubnetwork holds and never exposes: the network and the overrides by name. */
export interface Interior {
  readonly network: Network;
  /** Parameters by `parameterName`, in the trainer's order. */
  readonly parameters: ReadonlyMap<string, FrozenParameter>;
  /** Time step (s) and seed of the deployed build. */
  readonly dt: number;
  readonly seed: number;
}

/** Passed to the TrainedSubnetwork constructor, so that only this package can create one. */
export const sealToken: unique symbol = Symbol("TrainedSubnetwork.seal");

const interiors = new WeakMap<object, Interior>();

export function setInterior(trained: object, interior: Interior): void {
  interiors.set(trained, interior);
}

/** The interior of a TrainedSubnetwork (package-private). */
export function interiorOf(trained: TrainedSubnetwork): Interior {
  const interior = interiors.get(trained);
  if (interior === undefined) {
    throw new ValidationError({
      object: "TrainedSubnetwork",
      message: "not a TrainedSubnetwork created by @plexus/trainer; pass the result of a trainer's fit(), freeze() or fromBytes()",
    });
  }
  return interior;
}

/** The parameters as the simulator's `overrides` take them. */
export function overridesOf(interior: Interior): ReadonlyMap<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const [name, p] of interior.parameters) out.set(name, p.values);
  return out;
}
