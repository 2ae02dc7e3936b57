// The envelope of Plexus's binary state formats (the simulator's snapshot, the coupled system's
// snapshot): a 32-byte prefix (8 magic bytes; version and header length as little-endian u32; an
// identity hash and a content hash, 8 bytes each), a JSON header padded with spaces to 8 bytes,
// then the format's own 8-aligned sections. The content hash covers everything after the prefix.

/** The prefix's length in bytes. */
export const ENVELOPE_PREFIX = 32;

/** One binary format in the envelope. */
export interface EnvelopeFormat {
  /** The 8 bytes that open the format. */
  readonly magic: readonly number[];
  /** The version this Plexus writes and reads. */
  readonly version: number;
  /** What bytes with another opening are, e.g. "not a Plexus simulator snapshot (no PLXSNAP header)". */
  readonly foreign: string;
  /** What the caller should have passed, e.g. "the Uint8Array that Simulator.snapshot() returned". */
  readonly expected: string;
  /** The format's typed error for a message (and its cause). */
  readonly fail: (message: string, cause?: unknown) => Error;
}

/** An envelope being read: a copy of the bytes at offset 0 (so float sections are aligned), its view, where the body starts. */
export interface OpenedEnvelope {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly headerBytes: number;
  readonly bodyAt: number;
}

/** `n` rounded up to a multiple of 8. */
export const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * Allocates an envelope for `header` and a body of `bodyBytes` bytes, and writes its prefix (the
 * content hash excepted: {@link sealEnvelope} writes it once the body is in) and its header.
 */
export function writeEnvelope(format: EnvelopeFormat, idHash: string, header: unknown, bodyBytes: number): { out: Uint8Array; view: DataView; bodyAt: number } {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerBytes = pad8(json.length);
  const out = new Uint8Array(ENVELOPE_PREFIX + headerBytes + bodyBytes);
  const view = new DataView(out.buffer);
  out.set(format.magic, 0);
  view.setUint32(8, format.version, true);
  view.setUint32(12, headerBytes, true);
  writeHex(view, 16, idHash);
  out.fill(0x20, ENVELOPE_PREFIX, ENVELOPE_PREFIX + headerBytes);
  out.set(json, ENVELOPE_PREFIX);
  return { out, view, bodyAt: ENVELOPE_PREFIX + headerBytes };
}

/** Writes the content hash (`hash` of everything after the prefix) into a written envelope. */
export function sealEnvelope(out: Uint8Array, view: DataView, hash: (bytes: Uint8Array) => string): void {
  writeHex(view, 24, hash(out.subarray(ENVELOPE_PREFIX)));
}

/**
 * Opens an envelope: checks that `input` is bytes of `format` (its magic, its version, a header
 * within its length) and copies them to offset 0 (not `input.slice()`: a Node Buffer's slice() is
 * a view into its pool, at an offset).
 * @throws the format's error when they are not bytes, are another format, are truncated or of another version
 */
export function openEnvelope(input: unknown, format: EnvelopeFormat): OpenedEnvelope {
  if (!(input instanceof Uint8Array)) throw format.fail(`expected ${format.expected} (got ${describe(input)})`);
  const { magic } = format;
  if (input.length < ENVELOPE_PREFIX || magic.some((b, i) => input[i] !== b)) {
    throw format.fail(
      input.length < ENVELOPE_PREFIX && magic.slice(0, input.length).every((b, i) => input[i] === b) ? `truncated: ${input.length} bytes` : format.foreign,
    );
  }
  const bytes = new Uint8Array(input);
  const view = new DataView(bytes.buffer);
  const version = view.getUint32(8, true);
  if (version !== format.version) throw format.fail(`format version ${version}; this Plexus reads version ${format.version}`);
  const headerBytes = view.getUint32(12, true);
  const bodyAt = ENVELOPE_PREFIX + headerBytes;
  if (bodyAt > bytes.length) throw format.fail(`truncated: ${bytes.length} bytes, the header alone needs ${bodyAt}`);
  return { bytes, view, headerBytes, bodyAt };
}

/** The envelope's header, parsed (the caller checks its fields). */
export function envelopeHeader(env: OpenedEnvelope, format: EnvelopeFormat): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(env.bytes.subarray(ENVELOPE_PREFIX, env.bodyAt)));
  } catch (cause) {
    throw format.fail("corrupted: its header is not valid JSON", cause);
  }
}

/** Whether the envelope's content hash equals `hash` of its bytes after the prefix. */
export function contentHashMatches(env: OpenedEnvelope, hash: (bytes: Uint8Array) => string): boolean {
  return hash(env.bytes.subarray(ENVELOPE_PREFIX)) === readHex(env.view, 24);
}

/** The identity hash written at offset 16 (a plan hash, a structure hash). */
export function envelopeIdHash(env: OpenedEnvelope): string {
  return readHex(env.view, 16);
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
