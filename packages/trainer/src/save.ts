import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { BundleError } from "@plexus/core";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import { toBytes } from "./toBytes.js";

let tmpCounter = 0;

/**
 * Saves a trained subnetwork to `path` as one safetensors file: the bytes of {@link toBytes}
 * (parameters as float64 tensors named by their structural path, a manifest and a SHA-256 of the
 * contents in `__metadata__`). Node only (`@plexus/trainer/node`); in a browser, use `toBytes`.
 *
 * Written atomically: to a temporary file in the same folder, flushed, then renamed over `path`.
 *
 * The stored SHA-256 detects corruption (a damaged or truncated file), not tampering: whoever can
 * edit the file can recompute it. Publish the file's own SHA-256 (`sha256sum path`) beside it and
 * load it with `load(path, { sha256 })` to detect a changed or replaced bundle.
 * @throws BundleError when the file cannot be written (the cause attached).
 */
export async function save(trained: TrainedSubnetwork, path: string): Promise<void> {
  const bytes = toBytes(trained);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${tmpCounter++}.tmp`);
  try {
    const handle = await open(tmp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (cause) {
    await unlink(tmp).catch(() => undefined);
    throw new BundleError(`${path}: could not write the bundle (${cause instanceof Error ? cause.message : String(cause)})`, { label: path, cause });
  }
}
