import { cloneNetwork, type Network, type PortDims } from "@plexus/core";

/**
 * A private copy of `net` for a trainer to train and a trained subnetwork to keep: the same
 * structure, labels, seed and port names (so the same parameter names and the same build), and
 * the `trainable` flags of every ensemble, its neurons and every connection as `net`'s config
 * resolves them now. Nothing done to `net` afterwards (new objects, changed transforms, removed
 * probes, changed flags) reaches the copy: the seal of a trained subnetwork.
 */
export function sealedCopy<I extends PortDims, O extends PortDims>(net: Network<I, O>): Network<I, O> {
  const copy = cloneNetwork(net);
  const top = copy.network;
  for (const [src, dst] of copy.ensembles) {
    const from = (src.owner ?? net).config;
    const to = (dst.owner ?? top).config;
    to.setTrainable(dst, from.isTrainable(src));
    to.setTrainable(dst.neurons, from.isTrainable(src.neurons));
  }
  for (const [src, dst] of copy.connections) {
    (dst.owner ?? top).config.setTrainable(dst, (src.owner ?? net).config.isTrainable(src));
  }
  return top as unknown as Network<I, O>;
}
