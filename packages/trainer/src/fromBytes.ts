import { BundleError, decodeNumber, type Network, type PortDims, rebuildNetwork } from "@plexus/core";
import { BUNDLE_FORMAT, bundleDigest, type Manifest, type PortSignature, READABLE_VERSIONS } from "./internal/bundleFormat.js";
import { type FrozenParameter, type Interior, sealToken } from "./internal/interior.js";
import { type DecodedSafetensors, decodeSafetensors } from "./internal/safetensors.js";
import { sealedCopy } from "./internal/sealedCopy.js";
import { sha256Hex } from "./internal/sha256.js";
import { structureHash } from "./structureHash.js";
import { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { EpochLogs, TrainingReport } from "./TrainingReport.js";

/** Options of {@link fromBytes} (and of `load` in `@plexus/trainer/node`). */
export interface FromBytesOptions<I extends PortDims, O extends PortDims> {
  /**
   * The network the bundle was trained from (built by the same code). Required when the bundle
   * could not store the network's spec (it holds code that runs: node functions, processes of
   * classes outside Plexus, the function of a connection whose weights were not saved); otherwise
   * the network is rebuilt from the spec. A decoded connection's function needs no code when its decoders are saved (they
   * replace its solve), so most trained subnetworks load without it.
   */
  readonly network?: Network<I, O>;
  /**
   * The SHA-256 of the whole bundle (64 hex digits, as `sha256sum` prints it for the file),
   * obtained from a source you trust. The bundle's own checksum only detects corruption: anyone
   * who edits a bundle can recompute it. With `sha256`, any bundle whose bytes are not exactly the
   * ones that hash was taken of is refused (a BundleError, "hash mismatch") before anything in it
   * is read.
   */
  readonly sha256?: string;
  /** Where the bytes came from (a file path, a URL), named in every error (default `"bundle"`). */
  readonly source?: string;
}

type Fail = (what: string, message: string, cause?: unknown) => BundleError;

/**
 * Reads a trained subnetwork from the bytes of its bundle ({@link toBytes}, or a file written by
 * `save`), verifying everything: the bytes are whole, the header parses, the format version is
 * known, the SHA-256 matches the contents, every parameter is present with its shape, and (with
 * `network`) the network has the structure and ports it was saved with. The subnetwork's
 * `predict` reproduces the saved one's bit for bit. Works in browsers.
 *
 * Nothing in a bundle is ever run as code: its labels and names are data (generated code holds
 * numbers and indices only). To read only the bundle you meant to, pass its SHA-256 from a source
 * you trust (`fromBytes(bytes, { sha256 })`).
 * @throws BundleError naming what does not match: hash mismatch (vs `sha256`), not a Plexus
 *   bundle, truncated bytes, bad header, unknown format version, checksum mismatch, missing or
 *   reshaped parameter, structure changed (vs `network`), or a network that must be passed.
 */
export function fromBytes<const I extends PortDims = PortDims, const O extends PortDims = PortDims>(
  bytes: Uint8Array,
  options: FromBytesOptions<I, O> = {},
): TrainedSubnetwork<I, O> {
  const source = options.source ?? "bundle";
  const fail: Fail = (what, message, cause) =>
    new BundleError(`${source}: ${what}: ${message}`, cause === undefined ? { label: source } : { label: source, cause });
  if (!(bytes instanceof Uint8Array)) {
    throw fail("not bytes", `expected a Uint8Array of a saved bundle (got ${bytes === null ? "null" : typeof bytes}); read the file into a Uint8Array first`);
  }
  if (options.sha256 !== undefined) checkSha256(bytes, options.sha256, fail);
  const decoded = decodeSafetensors(bytes);
  if ("kind" in decoded) {
    if (decoded.kind === "foreign") throw fail("not a Plexus bundle", `${decoded.message}; check the path`);
    throw fail(decoded.kind === "truncated" ? "truncated file" : "bad header", `${decoded.message}; the file is damaged, save it again`);
  }
  const manifest = verifiedManifest(decoded, fail);
  const parameters = frozenParameters(manifest, decoded, fail);
  // The subnetwork keeps its own copy of a network it was given: later changes to it reach nothing here.
  const network = options.network !== undefined ? sealedCopy(givenNetwork(manifest, options.network, fail)) : rebuiltNetwork(manifest, fail);
  const interior: Interior = { network, parameters, dt: manifest.dt, seed: manifest.seed };
  return new TrainedSubnetwork<I, O>(sealToken, interior, decodeReport(manifest.report));
}

/** The manifest, once the format, its version and the checksum of the contents are right. */
function verifiedManifest(decoded: DecodedSafetensors, fail: Fail): Manifest {
  const meta = decoded.metadata;
  if (meta["format"] !== BUNDLE_FORMAT) {
    throw fail("bad header", `__metadata__.format is ${JSON.stringify(meta["format"] ?? null)}, not "${BUNDLE_FORMAT}": not a bundle saved by @plexus/trainer`);
  }
  if (!READABLE_VERSIONS.some((v) => meta["format_version"] === String(v))) {
    throw fail(
      "unknown format version",
      `the bundle has format version ${JSON.stringify(meta["format_version"] ?? null)}; this @plexus/trainer reads versions ${READABLE_VERSIONS.join(" and ")}: load it with the Plexus version that saved it`,
    );
  }
  const manifestText = meta["manifest"];
  const digest = meta["sha256"];
  if (manifestText === undefined || digest === undefined) throw fail("bad header", `__metadata__ has no ${manifestText === undefined ? "manifest" : "sha256"}`);
  const maxEnd = decoded.index.reduce((m, t) => Math.max(m, t.offsets[1]), 0);
  if (decoded.data.length !== maxEnd) throw fail("bad header", `the data section has ${decoded.data.length} bytes but the tensors cover ${maxEnd}`);
  const actual = bundleDigest(manifestText, decoded.index, decoded.data);
  if (actual !== digest) {
    throw fail(
      "checksum mismatch",
      `the contents hash to ${actual.slice(0, 16)}… but the bundle says ${digest.slice(0, 16)}…; the file was changed or damaged after it was saved`,
    );
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch (cause) {
    throw fail("bad header", "the manifest is not valid JSON", cause);
  }
  if (String(manifest.formatVersion) !== meta["format_version"]) {
    throw fail("unknown format version", `the manifest has format version ${String(manifest.formatVersion)} but the header says ${meta["format_version"]}`);
  }
  return manifest;
}

/** The parameters the manifest lists, each from its tensor, with its shape checked. */
function frozenParameters(manifest: Manifest, decoded: DecodedSafetensors, fail: Fail): Map<string, FrozenParameter> {
  const parameters = new Map<string, FrozenParameter>();
  const listed = new Set<string>();
  for (const p of manifest.parameters) {
    const tensor = p.tensor ?? p.name;
    listed.add(tensor);
    const t = decoded.tensors.get(tensor);
    if (t === undefined) throw fail("missing parameter", `the manifest lists '${p.name}' (tensor '${tensor}') but the file has no tensor of that name`);
    if (t.shape.length !== p.shape.length || t.shape.some((s, i) => s !== p.shape[i])) {
      throw fail("bad header", `tensor '${p.name}' has shape [${t.shape.join(", ")}] but the manifest says [${p.shape.join(", ")}]`);
    }
    parameters.set(p.name, { shape: Object.freeze([...p.shape]), values: t.values, trainable: p.trainable });
  }
  for (const name of decoded.tensors.keys()) {
    if (!listed.has(name)) throw fail("bad header", `tensor '${name}' is not in the manifest`);
  }
  return parameters;
}

/** `network`, once its ports and structure hash are the saved ones. */
function givenNetwork(manifest: Manifest, network: Network, fail: Fail): Network {
  const ports = portDiff(manifest.ports, network);
  if (ports !== undefined) throw fail("structure changed", `${ports}; pass the network the bundle was trained from`);
  const hash = structureHash(network);
  if (hash !== manifest.structureHash) {
    throw fail(
      "structure changed",
      `${network} has structure hash ${hash.slice(0, 16)}… but the bundle was saved from one with ${manifest.structureHash.slice(0, 16)}… (objects, sizes, labels, neuron types, synapses or connections differ); pass the network the bundle was trained from`,
    );
  }
  return network;
}

/** The network rebuilt from the saved spec, with the saved structure hash. */
function rebuiltNetwork(manifest: Manifest, fail: Fail): Network {
  if (manifest.network === null) {
    throw fail(
      "network needed",
      `the saved network cannot be rebuilt without its code (${manifest.networkProblems.join("; ")}); pass it: load(path, { network })`,
    );
  }
  let network: Network;
  try {
    network = rebuildNetwork(manifest.network);
  } catch (cause) {
    throw fail(
      "bad header",
      `the saved network spec cannot be rebuilt (${cause instanceof Error ? cause.message : String(cause)}); pass the network: load(path, { network })`,
      cause,
    );
  }
  if (structureHash(network) !== manifest.structureHash) {
    throw fail(
      "structure changed",
      "the network rebuilt from the saved spec does not match the saved structure hash; pass the network: load(path, { network })",
    );
  }
  return network;
}

function checkSha256(bytes: Uint8Array, expected: unknown, fail: Fail): void {
  if (typeof expected !== "string" || !/^[0-9a-fA-F]{64}$/.test(expected)) {
    throw fail(
      "bad option",
      `sha256 must be the file's SHA-256 as 64 hex digits (got ${typeof expected === "string" ? JSON.stringify(expected.slice(0, 80)) : String(expected)})`,
    );
  }
  const actual = sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw fail(
      "hash mismatch",
      `the file's SHA-256 is ${actual} but ${expected.toLowerCase()} was expected: this is not the bundle that hash was taken of (changed, replaced or damaged); nothing in it was read`,
    );
  }
}

function portDiff(saved: Manifest["ports"], net: Network): string | undefined {
  const sig = (list: readonly PortSignature[]): string => list.map((p) => `${p.name} (${p.dimensions})`).join(", ") || "none";
  const ins = net.inPorts.map((p) => ({ name: p.name, dimensions: p.dimensions }));
  const outs = net.outPorts.map((p) => ({ name: p.name, dimensions: p.dimensions }));
  if (sig(ins) !== sig(saved.inputs)) return `${net} has input ports ${sig(ins)} but the bundle has ${sig(saved.inputs)}`;
  if (sig(outs) !== sig(saved.outputs)) return `${net} has output ports ${sig(outs)} but the bundle has ${sig(saved.outputs)}`;
  return undefined;
}

function decodeReport(json: unknown): TrainingReport {
  const r = json as Record<string, unknown>;
  const history = ((r["history"] as Record<string, unknown>[] | undefined) ?? []).map(
    (h): EpochLogs =>
      h["valLoss"] === undefined
        ? { epoch: h["epoch"] as number, loss: decodeNumber(h["loss"]) }
        : { epoch: h["epoch"] as number, loss: decodeNumber(h["loss"]), valLoss: decodeNumber(h["valLoss"]) },
  );
  return {
    ...(r as unknown as TrainingReport),
    trainLoss: decodeNumber(r["trainLoss"]),
    deployedLoss: decodeNumber(r["deployedLoss"]),
    finalLoss: r["finalLoss"] === undefined ? NaN : decodeNumber(r["finalLoss"]),
    lossesAgree: typeof r["lossesAgree"] === "boolean" ? r["lossesAgree"] : null,
    dt: decodeNumber(r["dt"]),
    history,
  };
}
