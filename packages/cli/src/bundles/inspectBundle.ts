import { stat } from "node:fs/promises";
import { BundleError } from "@plexus/core";

/** What `plexus inspect` shows of a saved bundle. */
export interface BundleInfo {
  readonly path: string;
  readonly bytes: number;
}

/**
 * Reads a saved bundle and describes it.
 * @throws BundleError when the file is missing, truncated, corrupted or of an unknown version.
 */
export async function inspectBundle(path: string): Promise<BundleInfo> {
  let bytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new BundleError(`Bundle '${path}': is not a file; give the path of a saved bundle`, { label: path });
    bytes = info.size;
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`Bundle '${path}': file not found; check the path (the demo saves its bundles under plexus-report/bundles/)`, {
      label: path,
      cause: error,
    });
  }
  // Waiting for @plexus/trainer's load(): until it lands there is no reader of the format.
  throw new BundleError(`Bundle '${path}' (${bytes} bytes): cannot be read yet; this checkout's @plexus/trainer has no load()`, { label: path });
}
