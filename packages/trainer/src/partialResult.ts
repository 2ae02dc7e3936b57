import type { PortDims } from "@plexus/core";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";

const partials = new WeakMap<object, TrainedSubnetwork>();

/** @internal Attaches the parameters kept when training stopped to the error `fit` rejects with. */
export function attachPartialResult(error: Error, trained: TrainedSubnetwork): void {
  partials.set(error, trained);
}

/**
 * The subnetwork a failed `fit` kept: when the loss became NaN or infinite, the parameters that
 * gave the last finite loss; when aborted or when a callback threw, the parameters at that
 * moment. Its `report.stopped`
 * says what happened and where. `undefined` for any other error.
 *
 * @example
 * try { trained = await trainer.fit(net, data, { epochs: 100 }); }
 * catch (e) { const kept = partialResult(e); if (kept === undefined) throw e; }
 */
export function partialResult<I extends PortDims = PortDims, O extends PortDims = PortDims>(error: unknown): TrainedSubnetwork<I, O> | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  return partials.get(error) as TrainedSubnetwork<I, O> | undefined;
}
