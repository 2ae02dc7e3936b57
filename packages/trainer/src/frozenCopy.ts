import { cloneNetwork, type FrozenCopy, type Network, type PortDims } from "@plexus/core";
import { interiorOf } from "./internal/interior.js";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";

/** What a trained subnetwork runs, as an independent copy (defined in `@plexus/core`): see {@link frozenCopy}. */
export type { FrozenCopy };

/**
 * A copy of what a trained subnetwork runs: a new network with the same structure, with its
 * trained parameters as build overrides, its dt and its seed. `build(copy.network, { dt, seed,
 * overrides })` is the plan `predict` and `runner()` run, so the copy computes what the
 * subnetwork computes, bit for bit; it is how `@plexus/coupler` runs a trained subnetwork inside a
 * larger system (its ports, and every learned transform behind them, come along).
 *
 * The seal holds: the copy shares no mutable state with `trained` (changing it changes nothing
 * there), and it exposes no more than `save` writes to a bundle. Each call makes a new copy.
 */
export function frozenCopy<I extends PortDims, O extends PortDims>(trained: TrainedSubnetwork<I, O>): FrozenCopy<I, O> {
  const interior = interiorOf(trained);
  const network = cloneNetwork(interior.network, { seed: interior.seed }).network as unknown as Network<I, O>;
  const overrides = new Map<string, Float64Array>();
  for (const [name, p] of interior.parameters) overrides.set(name, Float64Array.from(p.values));
  return { network, overrides, dt: interior.dt, seed: interior.seed };
}
