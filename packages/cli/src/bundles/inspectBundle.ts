import { stat } from "node:fs/promises";
import { BundleError } from "@plexus/core";
import type { TrainingReport } from "@plexus/trainer";
import { load } from "@plexus/trainer/node";

/** What `plexus inspect` shows of a saved bundle. */
export interface BundleInfo {
  readonly path: string;
  /** File size in bytes. */
  readonly bytes: number;
  /** The subnetwork's label, or null. */
  readonly label: string | null;
  /** "verified": `load` found the SHA-256 of the contents equal to the one saved (it throws otherwise). */
  readonly checksum: "verified";
  readonly ports: {
    readonly inputs: readonly PortInfo[];
    readonly outputs: readonly PortInfo[];
  };
  readonly parameters: readonly ParameterInfo[];
  readonly report: TrainingReport;
}

export interface PortInfo {
  readonly name: string;
  readonly dimensions: number;
}

export interface ParameterInfo {
  /** The parameter's name (`parameterName` of @plexus/core), e.g. `channel.ensembles[0].encoders`. */
  readonly name: string;
  readonly shape: readonly number[];
  /** Euclidean (Frobenius) norm of its values. */
  readonly norm: number;
  readonly min: number;
  readonly max: number;
  readonly trainable: boolean;
}

/**
 * Loads a saved bundle with @plexus/trainer's `load` (which verifies the file: whole, known
 * format version, checksum, parameters and structure) and describes it.
 * @throws BundleError when the file is missing, truncated, corrupted or of an unknown version.
 */
export async function inspectBundle(path: string): Promise<BundleInfo> {
  let bytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new BundleError(`${path}: not a file: give the path of a saved bundle`, { label: path });
    bytes = info.size;
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`${path}: missing file: no bundle there; check the path (the demo saves its bundles under plexus-report/bundles/)`, {
      label: path,
      cause: error,
    });
  }
  const trained = await load(path);
  const parameters = Object.entries(trained.parameters).map(([name, p]): ParameterInfo => {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of p.values) {
      sum += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { name, shape: p.shape, norm: Math.sqrt(sum), min, max, trainable: p.trainable };
  });
  const ports = (dims: Readonly<Record<string, number>>): PortInfo[] => Object.entries(dims).map(([name, dimensions]) => ({ name, dimensions }));
  return {
    path,
    bytes,
    label: trained.label ?? null,
    checksum: "verified",
    ports: { inputs: ports(trained.ports.inputs), outputs: ports(trained.ports.outputs) },
    parameters,
    report: trained.report,
  };
}
