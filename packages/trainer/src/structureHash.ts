import type { Network } from "@plexus/core";
import { structureText } from "@plexus/core";
import { networkArgument } from "@plexus/core/runtime";
import { sha256Hex } from "./internal/sha256.js";

/**
 * A SHA-256 (hex) of the network's structure: its objects and their sizes, labels, neuron types,
 * synapses, solvers, connections (ends, slices, transform shapes, whether a function is given) and
 * ports, subnetworks included, as canonical JSON. Parameter values (encoders, gains, biases,
 * transform values, eval points), seeds, probes and `config` are not part of it, nor is the code
 * of functions. `load` compares it to refuse a bundle saved from another network.
 */
export function structureHash(network: Network): string {
  networkArgument(network, "structureHash", "network");
  return sha256Hex(structureText(network));
}
