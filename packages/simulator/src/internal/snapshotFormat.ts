import { SnapshotError } from "@plexus/core";
import { contentHashMatches, type EnvelopeFormat, envelopeHeader, envelopeIdHash, openEnvelope, pad8, sealEnvelope, writeEnvelope } from "@plexus/core/runtime";
import { Hash64 } from "./hash64.js";

/** The format version written; readers refuse others. */
export const SNAPSHOT_VERSION = 1;

/** The envelope: "PLXSNAP" and a NUL, the version, the header length, the plan hash and the content hash. */
const FORMAT: EnvelopeFormat = {
  magic: [0x50, 0x4c, 0x58, 0x53, 0x4e, 0x41, 0x50, 0x00],
  version: SNAPSHOT_VERSION,
  foreign: "not a Plexus simulator snapshot (no PLXSNAP header)",
  expected: "the Uint8Array that Simulator.snapshot() returned",
  fail: (message, cause) => fail(message, cause),
};
const contentHash = (bytes: Uint8Array): string => new Hash64().update(bytes).digest();

/** How a top-level input port was driven when the snapshot was taken. */
export type InputKind = "undriven" | "array" | "function" | "constant" | "manual";
const INPUT_KINDS: readonly InputKind[] = ["undriven", "array", "function", "constant", "manual"];

/** One probe's recorded rows: `data` (rows × cols) unless the snapshot left probe data out. */
export interface ProbeContent {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | null;
}

/** What a snapshot holds (see Simulator.snapshot for the byte layout). */
export interface SnapshotContent {
  readonly planHash: string;
  readonly dtype: "float64" | "float32";
  readonly dt: number;
  /** Steps run. */
  readonly step: number;
  /** The simulator's seed (for later resets). */
  readonly seed: number;
  /** The arena's bytes (little-endian float64 or float32 entries). */
  readonly arena: Uint8Array;
  readonly probes: readonly ProbeContent[];
  readonly inputs: readonly InputKind[];
  /** Kernel states outside the arena (Emitter.persist), in registration order. */
  readonly states: readonly Float64Array[];
}

interface Header {
  readonly dtype: "float64" | "float32";
  readonly dt: number;
  readonly step: number;
  readonly seed: number;
  readonly arenaBytes: number;
  readonly probes: readonly (readonly [number, number, 0 | 1])[];
  readonly inputs: readonly InputKind[];
  readonly states: readonly number[];
}

/** The bytes of a snapshot: the prefix, a JSON header (padded to 8 bytes), then the arena, the probe data and the kernel states, each 8-aligned. */
export function encodeSnapshot(c: SnapshotContent): Uint8Array {
  const header: Header = {
    dtype: c.dtype,
    dt: c.dt,
    step: c.step,
    seed: c.seed,
    arenaBytes: c.arena.length,
    probes: c.probes.map((p) => [p.rows, p.cols, p.data === null ? 0 : 1] as const),
    inputs: c.inputs,
    states: c.states.map((s) => s.length),
  };
  let body = pad8(c.arena.length);
  for (const p of c.probes) if (p.data !== null) body += p.rows * p.cols * 8;
  for (const s of c.states) body += s.length * 8;
  const { out, view, bodyAt } = writeEnvelope(FORMAT, c.planHash, header, body);
  let at = bodyAt;
  out.set(c.arena, at);
  at += pad8(c.arena.length);
  const floats = (a: Float64Array): void => {
    new Float64Array(out.buffer, at, a.length).set(a);
    at += a.length * 8;
  };
  for (const p of c.probes) if (p.data !== null) floats(p.data.subarray(0, p.rows * p.cols));
  for (const s of c.states) floats(s);
  sealEnvelope(out, view, contentHash);
  return out;
}

/**
 * Reads a snapshot's bytes, checking the magic, the version, the lengths and the content hash.
 * @throws SnapshotError when the bytes are not a snapshot, truncated, corrupted or of another version.
 */
export function decodeSnapshot(input: Uint8Array): SnapshotContent {
  const env = openEnvelope(input, FORMAT);
  const { bytes } = env;
  const header = checkHeader(envelopeHeader(env, FORMAT));
  let size = env.bodyAt + pad8(header.arenaBytes);
  for (const [rows, cols, has] of header.probes) if (has === 1) size += rows * cols * 8;
  for (const n of header.states) size += n * 8;
  if (bytes.length !== size)
    throw fail(bytes.length < size ? `truncated: ${bytes.length} bytes of ${size}` : `${bytes.length - size} bytes too many (expected ${size})`);
  if (!contentHashMatches(env, contentHash)) throw fail("corrupted: its content hash does not match its bytes");
  let at = env.bodyAt;
  const arena = bytes.subarray(at, at + header.arenaBytes);
  at += pad8(header.arenaBytes);
  const floats = (n: number): Float64Array => {
    const a = new Float64Array(bytes.buffer, at, n);
    at += n * 8;
    return a;
  };
  const probes = header.probes.map(([rows, cols, has]) => ({ rows, cols, data: has === 1 ? floats(rows * cols) : null }));
  const states = header.states.map((n) => floats(n));
  return {
    planHash: envelopeIdHash(env),
    dtype: header.dtype,
    dt: header.dt,
    step: header.step,
    seed: header.seed,
    arena,
    probes,
    inputs: header.inputs,
    states,
  };
}

function checkHeader(h: unknown): Header {
  const count = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
  const o = (typeof h === "object" && h !== null ? h : {}) as Record<string, unknown>;
  const ok =
    (o["dtype"] === "float64" || o["dtype"] === "float32") &&
    typeof o["dt"] === "number" &&
    o["dt"] > 0 &&
    count(o["step"]) &&
    Number.isInteger(o["seed"]) &&
    count(o["arenaBytes"]) &&
    Array.isArray(o["probes"]) &&
    o["probes"].every((p) => Array.isArray(p) && p.length === 3 && count(p[0]) && count(p[1]) && (p[2] === 0 || p[2] === 1)) &&
    Array.isArray(o["inputs"]) &&
    o["inputs"].every((k) => INPUT_KINDS.includes(k as InputKind)) &&
    Array.isArray(o["states"]) &&
    o["states"].every(count);
  if (!ok) throw fail("corrupted: its header lacks or misstates a field");
  return o as unknown as Header;
}

function fail(message: string, cause?: unknown): SnapshotError {
  return new SnapshotError(`Simulator snapshot: ${message}`, cause === undefined ? {} : { cause });
}
