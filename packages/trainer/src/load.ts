import { readFile } from "node:fs/promises";
import { BundleError, type PortDims } from "@plexus/core";
import { type FromBytesOptions, fromBytes } from "./fromBytes.js";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";

/** Options of {@link load}: those of `fromBytes` (the file's path names it in errors). */
export type LoadOptions<I extends PortDims, O extends PortDims> = Omit<FromBytesOptions<I, O>, "source">;

/**
 * Loads a subnetwork saved by `save`: reads the file and verifies it as `fromBytes` does (whole,
 * header, format version, SHA-256 of the contents, every parameter with its shape, and with
 * `network` the structure and ports it was saved with). A loaded subnetwork's `predict`
 * reproduces the saved one's bit for bit. Node only (`@plexus/trainer/node`); in a browser, fetch
 * the bytes and use `fromBytes`.
 *
 * The SHA-256 stored in a bundle detects corruption, not tampering: whoever can write the file
 * can recompute it. To load only the bundle you meant to, pass the file's SHA-256 from a source
 * you trust (`load(path, { sha256 })`). Nothing in a bundle is ever run as code.
 * @throws BundleError naming what does not match: missing file, and every error of `fromBytes`
 *   (hash mismatch, not a Plexus bundle, truncated file, bad header, unknown format version,
 *   checksum mismatch, missing or reshaped parameter, structure changed, network needed).
 */
export async function load<const I extends PortDims = PortDims, const O extends PortDims = PortDims>(
  path: string,
  options: LoadOptions<I, O> = {},
): Promise<TrainedSubnetwork<I, O>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    const message =
      code === "ENOENT"
        ? "missing file: no bundle there; check the path (save(trained, path) writes one)"
        : `unreadable file: ${cause instanceof Error ? cause.message : String(cause)}`;
    throw new BundleError(`${path}: ${message}`, { label: path, cause });
  }
  return fromBytes<I, O>(bytes, { ...options, source: path });
}
