import { type Connection, cloneNetwork, type Network, parameterName, serialisableSpec, solveStandIn, toJson } from "@plexus/core";
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleDigest, type Manifest } from "./internal/bundleFormat.js";
import { interiorOf } from "./internal/interior.js";
import { encodeSafetensors, type Tensor } from "./internal/safetensors.js";
import { tensorNames } from "./internal/tensorNames.js";
import { plexusVersion } from "./internal/version.js";
import { structureHash } from "./structureHash.js";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";

/**
 * The bytes of a trained subnetwork's bundle: one safetensors file, as `save` (from
 * `@plexus/trainer/node`) writes it and `fromBytes` or `load` reads it. Every parameter is a float64
 * tensor named by its object's path of kinds and indices (`Ensemble[0].encoders`,
 * `Network[0]/Connection[1].weights`: ASCII and the same scheme in every bundle, whatever the
 * labels), its `parameterName` beside it in the manifest; `__metadata__` holds the format and its
 * version, a manifest (Plexus version, structure hash of the network, port signatures, parameter
 * list, dt and seed, training report, and the network's spec when it can be rebuilt without code)
 * and a SHA-256 of the contents. Any safetensors reader can read the tensors. Works in browsers.
 *
 * The stored SHA-256 detects corruption (damaged or truncated bytes), not tampering: whoever can
 * edit the bytes can recompute it. Publish the bundle's own SHA-256 beside it and read it with
 * `fromBytes(bytes, { sha256 })` to detect a changed or replaced bundle.
 *
 * @example
 * const bytes = toBytes(trained);
 * const again = fromBytes<{ u: 1 }, { y: 1 }>(bytes);
 */
export function toBytes(trained: TrainedSubnetwork): Uint8Array {
  const interior = interiorOf(trained);
  const net = interior.network;
  const spec = serialisableSpec(withSolvesReplaced(net, new Set(interior.parameters.keys())));
  const names = tensorNames(net);
  const tensorOf = (name: string): string => names.get(name) ?? name;
  const tensors: [string, Tensor][] = [...interior.parameters].map(([name, p]) => [tensorOf(name), { shape: p.shape, values: p.values }]);
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_VERSION,
    plexusVersion: plexusVersion(),
    label: net.label ?? null,
    structureHash: structureHash(net),
    ports: {
      inputs: net.inPorts.map((p) => ({ name: p.name, dimensions: p.dimensions })),
      outputs: net.outPorts.map((p) => ({ name: p.name, dimensions: p.dimensions })),
    },
    parameters: [...interior.parameters].map(([name, p]) => ({ name, tensor: tensorOf(name), shape: [...p.shape], trainable: p.trainable })),
    dt: interior.dt,
    seed: interior.seed,
    report: toJson(trained.report),
    network: "spec" in spec ? spec.spec : null,
    networkProblems: "spec" in spec ? [] : spec.problems,
  };
  const manifestText = JSON.stringify(manifest);
  // The digest covers the tensor index and data, which do not depend on the metadata.
  const draft = encodeSafetensors(tensors, {});
  const headerLength = Number(new DataView(draft.buffer).getBigUint64(0, true));
  let offset = 0;
  const index = tensors.map(([name, t]) => {
    const begin = offset;
    offset += t.values.length * 8;
    return { name, dtype: "F64", shape: t.shape, offsets: [begin, offset] as const };
  });
  const digest = bundleDigest(manifestText, index, draft.subarray(8 + headerLength));
  return encodeSafetensors(tensors, {
    format: BUNDLE_FORMAT,
    format_version: String(BUNDLE_VERSION),
    manifest: manifestText,
    sha256: digest,
  });
}

/**
 * `net`, or a copy of it in which each decoded connection whose weights are saved has its function
 * replaced by a stand-in of the same output size (core's `solveStandIn`): the saved decoders
 * replace that function's solve, so the bundle can be loaded without the code. Same structure hash.
 */
function withSolvesReplaced(net: Network, saved: ReadonlySet<string>): Network {
  const replaced = net.all("connection").filter((c) => c.decoded && c.function !== null && saved.has(parameterName(c, "weights", net)));
  if (replaced.length === 0) return net;
  const set = new Set<Connection>(replaced);
  return cloneNetwork(net, { connectionOptions: (c) => (set.has(c) ? { function: solveStandIn(c.sizeMid) } : {}) }).network;
}
