import { canonicalJson, type Json } from "@plexus/core";
import type { DecodedSafetensors } from "./safetensors.js";
import { sha256Hex } from "./sha256.js";

/** `__metadata__.format` of a saved TrainedSubnetwork. */
export const BUNDLE_FORMAT = "plexus.trained-subnetwork";
/**
 * The bundle format version this package writes. Version 2 names each tensor by its structural
 * path (`tensorNames`: ASCII, labels left out) and keeps its `parameterName` in the manifest;
 * version 1 named tensors by `parameterName`.
 */
export const BUNDLE_VERSION = 2;
/** The versions `load` reads. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** The manifest, stored as JSON in `__metadata__.manifest`. */
export interface Manifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly formatVersion: number;
  readonly plexusVersion: string;
  readonly label: string | null;
  /** `structureHash(network)`. */
  readonly structureHash: string;
  /** Port signatures, in declaration order. */
  readonly ports: { readonly inputs: readonly PortSignature[]; readonly outputs: readonly PortSignature[] };
  /** Parameters in order, by `parameterName`, each stored as the tensor `tensor` (version 2) or of the same name (version 1). */
  readonly parameters: readonly { readonly name: string; readonly tensor?: string; readonly shape: readonly number[]; readonly trainable: boolean }[];
  readonly dt: number;
  readonly seed: number;
  /** The training report (non-finite numbers as "nan", "inf", "-inf"). */
  readonly report: Json;
  /** The network's spec, when it can be rebuilt without its code; null otherwise. */
  readonly network: Json;
  /** Why `network` is null. */
  readonly networkProblems: readonly string[];
}

export interface PortSignature {
  readonly name: string;
  readonly dimensions: number;
}

/**
 * The checksum stored in `__metadata__.sha256`: SHA-256 (hex) of the manifest text, a newline,
 * the canonical JSON of the tensor index (name, dtype, shape, data offsets, in file order), a
 * newline, and the data section.
 */
export function bundleDigest(manifestText: string, index: DecodedSafetensors["index"], data: Uint8Array): string {
  const idx = index.map((t) => ({ name: t.name, dtype: t.dtype, shape: [...t.shape], offsets: [...t.offsets] }));
  return sha256Hex(manifestText, "\n", canonicalJson(idx), "\n", data);
}
