import { SnapshotError } from "@plexus/core";
import { Hash64 } from "@plexus/simulator";
import type { HostSnapshot, UnitSnapshot } from "../../remote/protocol.js";
import { type SystemStructure, structureHash } from "./systemStructure.js";

/** The format version written; readers refuse others. */
export const SYSTEM_SNAPSHOT_VERSION = 1;

/** "PLXCPLD" and a NUL: the first 8 bytes of every coupled snapshot. */
const MAGIC = [0x50, 0x4c, 0x58, 0x43, 0x50, 0x4c, 0x44, 0x00];
/** Magic, version, header length, structure hash (8 bytes), content hash (8 bytes). */
const PREFIX = 32;

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

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

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
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = pad8(json.length);
  const blobs: Uint8Array[] = [];
  for (const u of s.state.units) blobs.push(u.engine, ...u.inEdges.flat());
  const probeBytes = s.probes.map((p) => p.steps * p.dims * 8);
  const size = PREFIX + headerBytes + blobs.reduce((n, b) => n + pad8(b.length), 0) + probeBytes.reduce((n, b) => n + b, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, SYSTEM_SNAPSHOT_VERSION, true);
  view.setUint32(12, headerBytes, true);
  writeHex(view, 16, structureHash(s.structure));
  out.fill(0x20, PREFIX, PREFIX + headerBytes);
  out.set(json, PREFIX);
  let at = PREFIX + headerBytes;
  for (const b of blobs) {
    out.set(b, at);
    at += pad8(b.length);
  }
  s.probes.forEach((p, i) => {
    new Float64Array(out.buffer, at, p.steps * p.dims).set(p.data.subarray(0, p.steps * p.dims));
    at += probeBytes[i] ?? 0;
  });
  writeHex(view, 24, new Hash64().update(out.subarray(PREFIX)).digest());
  return out;
}

/**
 * Reads a coupled snapshot, checking the magic, the version, the lengths and the content hash.
 * @throws SnapshotError when the bytes are not a coupled snapshot, truncated, corrupted or of another version
 */
export function decodeSystemSnapshot(input: unknown): SystemSnapshot {
  if (!(input instanceof Uint8Array)) throw fail(`expected the Uint8Array that onSnapshot received (got ${describe(input)})`);
  if (input.length < PREFIX || MAGIC.some((b, i) => input[i] !== b)) {
    throw fail(
      input.length < PREFIX && MAGIC.slice(0, input.length).every((b, i) => input[i] === b)
        ? `truncated: ${input.length} bytes`
        : "not a Plexus coupled-system snapshot (no PLXCPLD header)",
    );
  }
  // a copy at offset 0 (a Node Buffer's slice() is a view into a shared pool), so that the float sections are aligned
  const bytes = new Uint8Array(input);
  const view = new DataView(bytes.buffer);
  const version = view.getUint32(8, true);
  if (version !== SYSTEM_SNAPSHOT_VERSION) throw fail(`format version ${version}; this Plexus reads version ${SYSTEM_SNAPSHOT_VERSION}`);
  const headerBytes = view.getUint32(12, true);
  if (PREFIX + headerBytes > bytes.length) throw fail(`truncated: ${bytes.length} bytes, the header alone needs ${PREFIX + headerBytes}`);
  if (new Hash64().update(bytes.subarray(PREFIX)).digest() !== readHex(view, 24))
    throw fail("corrupted or truncated: its content hash does not match its bytes");
  const header = parseHeader(bytes.subarray(PREFIX, PREFIX + headerBytes));
  let at = PREFIX + headerBytes;
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
  const hash = readHex(view, 16);
  if (structureHash(header.structure) !== hash) throw fail("corrupted: its structure does not match its structure hash");
  return { structure: header.structure, structureHash: hash, state: { step: header.step, units }, probes };
}

function parseHeader(raw: Uint8Array): Header {
  let h: unknown;
  try {
    h = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch (cause) {
    throw fail("corrupted: its header is not valid JSON", cause);
  }
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

function writeHex(view: DataView, at: number, hex: string): void {
  view.setUint32(at, Number.parseInt(hex.slice(0, 8), 16), true);
  view.setUint32(at + 4, Number.parseInt(hex.slice(8, 16), 16), true);
}

function readHex(view: DataView, at: number): string {
  const word = (k: number): string => view.getUint32(k, true).toString(16).padStart(8, "0");
  return word(at) + word(at + 4);
}

function describe(x: unknown): string {
  return x === null ? "null" : typeof x === "object" ? (x.constructor?.name ?? "object") : typeof x;
}

function fail(message: string, cause?: unknown): SnapshotError {
  return new SnapshotError(`Coupled snapshot: ${message}`, cause === undefined ? {} : { cause });
}
