import { type Ensemble, LIFRate, Network } from "@plexus/core";

/**
 * The small network the learning-rule tests check connections on: ensembles a (`nA` neurons) and
 * b (`nB` neurons) of `dimensions` (default 1), LIFRate unless `defaultNeurons` (then the default, LIF), in a network of seed 0.
 */
export function ruleNet(
  nA: number,
  nB: number,
  options: { readonly dimensions?: number; readonly defaultNeurons?: boolean } = {},
): {
  net: Network;
  a: Ensemble;
  b: Ensemble;
} {
  const net = new Network({ seed: 0 });
  const dimensions = options.dimensions ?? 1;
  const neurons = options.defaultNeurons === true ? {} : { neuronType: new LIFRate() };
  return { net, a: net.ensemble({ nNeurons: nA, dimensions, ...neurons }), b: net.ensemble({ nNeurons: nB, dimensions, ...neurons }) };
}
