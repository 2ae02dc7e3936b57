import { SnapshotError } from "@plexus/core";
import { contentHashMatches, type EnvelopeFormat, envelopeHeader, envelopeIdHash, openEnvelope, pad8, sealEnvelope, writeEnvelope } from "@plexus/core/runtime";
import { Hash64 } from "@plexus/simulator";
import type { HostSnapshot, UnitSnapshot } from "../../remote/protocol.js";
import { type SystemStructure, structureHash } from "./systemStructure.js";

/** The format version written; readers refuse others. */
export const SYSTEM_SNAPSHOT_VERSION = 1;

/** The envelope: "PLXCPLD" and a NUL, the version, the header length, the structure hash and the content hash. */
const FORMAT: EnvelopeFormat = {
  magic: [0x50, 0x4c, 0x58, 0x43, 0x50, 0x4c, 0x44, 0x00],
  version: SYSTEM_SNAPSHOT_VERSION,
  foreign: "not a Plexus coupled-system snapshot (no PLXCPLD header)",
  expected: "the Uint8Array that onSnapshot received",
  fail: (message, cause) => fail(message, cause),
};
const contentHash = (bytes: Uint8Array): string => new Hash64().update(bytes).digest();

/** One probe's data recorded up to the snapshot: `steps × dims` values. */
export interface SnapshotProbe {
  readonly name: string;
  readonly steps: number;
  readonly dims: number;
  readonly data: Float64Array;
}

/** What a coupled snapshot holds. */
export interface SystemSnapshot {
  readonly structure: SystemStructure;
  readonly structureHash: string;
  /** Every unit's state at base step `state.step`, with the windows its receivers still need. */
  readonly state: HostSnapshot;
  readonly probes: readonly SnapshotProbe[];
}

interface Header {
  readonly structure: SystemStructure;
  readonly step: number;
  /** Per unit: its index, base step, engine bytes, and per in-edge the byte length of each kept window. */
  readonly units: readonly { readonly unit: number; readonly step: number; readonly engine: number; readonly inEdges: readonly (readonly number[])[] }[];
  readonly probes: readonly { readonly name: string; readonly steps: number; readonly dims: number }[];
}

/**
 * The bytes of a coupled snapshot (little-endian): 8 bytes `PLXCPLD\0`, u32 format version, u32
 * header length H, the system's structure hash (8 bytes), a hash of everything after these 32
 * bytes (8 bytes); a JSON header of H bytes (the structure, the step, each unit's section
 * lengths, each probe's rows); then, each 8-aligned, every unit's simulator snapshot and kept
 * windows (`Window.toBytes()`), and every probe's data (float64).
 */
export function encodeSystemSnapshot(s: Omit<SystemSnapshot, "structureHash">): Uint8Array {
  const header: Header = {
    structure: s.structure,
    step: s.state.step,
    units: s.state.units.map((u) => ({ unit: u.unit, step: u.step, engine: u.engine.length, inEdges: u.inEdges.map((e) => e.map((w) => w.length)) })),
    probes: s.probes.map((p) => ({ name: p.name, steps: p.steps, dims: p.dims })),
  };
  const blobs: Uint8Array[] = [];
  for (const u of s.state.units) blobs.push(u.engine, ...u.inEdges.flat());
  const body = blobs.reduce((n, b) => n + pad8(b.length), 0) + s.probes.reduce((n, p) => n + p.steps * p.dims * 8, 0);
  const { out, view, bodyAt } = writeEnvelope(FORMAT, structureHash(s.structure), header, body);
  let at = bodyAt;
  for (const b of blobs) {
    out.set(b, at);
    at += pad8(b.length);
  }
  for (const p of s.probes) {
    new Float64Array(out.buffer, at, p.steps * p.dims).set(p.data.subarray(0, p.steps * p.dims));
    at += p.steps * p.dims * 8;
  }
  sealEnvelope(out, view, contentHash);
  return out;
}

/**
 * Reads a coupled snapshot, checking the magic, the version, the lengths and the content hash.
 * @throws SnapshotError when the bytes are not a coupled snapshot, truncated, corrupted or of another version
 */
export function decodeSystemSnapshot(input: unknown): SystemSnapshot {
  const env = openEnvelope(input, FORMAT);
  const { bytes } = env;
  if (!contentHashMatches(env, contentHash)) throw fail("corrupted or truncated: its content hash does not match its bytes");
  const header = checkHeader(envelopeHeader(env, FORMAT));
  let at = env.bodyAt;
  const take = (n: number): Uint8Array => {
    if (at + n > bytes.length) throw fail(`truncated: ${bytes.length} bytes, its sections need more`);
    const b = bytes.subarray(at, at + n);
    at += pad8(n);
    return b;
  };
  const units = header.units.map(
    (u): UnitSnapshot => ({ unit: u.unit, step: u.step, engine: take(u.engine), inEdges: u.inEdges.map((lengths) => lengths.map((n) => take(n))) }),
  );
  const probes = header.probes.map((p) => {
    const raw = take(p.steps * p.dims * 8);
    return { ...p, data: new Float64Array(raw.buffer, raw.byteOffset, p.steps * p.dims) };
  });
  if (at !== bytes.length) throw fail(`${bytes.length - at} bytes too many after its sections`);
  const hash = envelopeIdHash(env);
  if (structureHash(header.structure) !== hash) throw fail("corrupted: its structure does not match its structure hash");
  return { structure: header.structure, structureHash: hash, state: { step: header.step, units }, probes };
}

function checkHeader(h: unknown): Header {
  const count = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
  const o = (typeof h === "object" && h !== null ? h : {}) as Record<string, unknown>;
  const s = (typeof o["structure"] === "object" && o["structure"] !== null ? o["structure"] : {}) as Record<string, unknown>;
  const units = o["units"];
  const probes = o["probes"];
  const ok =
    count(o["step"]) &&
    typeof s["dt"] === "number" &&
    Number.isSafeInteger(s["seed"]) &&
    ["subsystems", "units", "wires", "inputs", "probes"].every((k) => Array.isArray(s[k])) &&
    Array.isArray(units) &&
    units.every(
      (x: unknown) =>
        rec(x) &&
        count(x["unit"]) &&
        count(x["step"]) &&
        count(x["engine"]) &&
        Array.isArray(x["inEdges"]) &&
        x["inEdges"].every((e: unknown) => Array.isArray(e) && e.every(count)),
    ) &&
    Array.isArray(probes) &&
    probes.every((p: unknown) => rec(p) && typeof p["name"] === "string" && count(p["steps"]) && count(p["dims"]));
  if (!ok) throw fail("corrupted: its header lacks or misstates a field");
  return o as unknown as Header;
}

function rec(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

function fail(message: string, cause?: unknown): SnapshotError {
  return new SnapshotError(`Coupled snapshot: ${message}`, cause === undefined ? {} : { cause });
}
