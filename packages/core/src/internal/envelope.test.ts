import { describe, expect, it } from "vitest";
import { SnapshotError } from "../errors.js";
import {
  contentHashMatches,
  ENVELOPE_PREFIX,
  type EnvelopeFormat,
  envelopeHeader,
  envelopeIdHash,
  openEnvelope,
  sealEnvelope,
  writeEnvelope,
} from "./envelope.js";

const format: EnvelopeFormat = {
  magic: [0x54, 0x45, 0x53, 0x54, 0x45, 0x4e, 0x56, 0x00],
  version: 3,
  foreign: "not a test envelope",
  expected: "test bytes",
  fail: (message, cause) => new SnapshotError(`Test: ${message}`, cause === undefined ? {} : { cause }),
};
// a checksum independent of the code under test: the byte sum and length, as 16 hex digits
const sum = (b: Uint8Array): string => (b.reduce((s, x) => s + x, 0) >>> 0).toString(16).padStart(8, "0") + b.length.toString(16).padStart(8, "0");

function written(): Uint8Array {
  const { out, view, bodyAt } = writeEnvelope(format, "0123456789abcdef", { a: 1, b: [2, 3] }, 16);
  out.set([9, 8, 7, 6, 5, 4, 3, 2, 1], bodyAt);
  sealEnvelope(out, view, sum);
  return out;
}

describe("envelope", () => {
  it("lays out magic, version, header length, id hash, content hash, a space-padded JSON header and the body", () => {
    const out = written();
    const json = JSON.stringify({ a: 1, b: [2, 3] });
    const headerBytes = Math.ceil(json.length / 8) * 8;
    expect(Array.from(out.subarray(0, 8))).toEqual(format.magic);
    const view = new DataView(out.buffer);
    expect(view.getUint32(8, true)).toBe(3);
    expect(view.getUint32(12, true)).toBe(headerBytes);
    expect(view.getUint32(16, true)).toBe(0x01234567);
    expect(view.getUint32(20, true)).toBe(0x89abcdef);
    expect(new TextDecoder().decode(out.subarray(ENVELOPE_PREFIX, ENVELOPE_PREFIX + headerBytes))).toBe(json.padEnd(headerBytes, " "));
    expect(out.length).toBe(ENVELOPE_PREFIX + headerBytes + 16);
    const env = openEnvelope(out, format);
    expect(envelopeHeader(env, format)).toEqual({ a: 1, b: [2, 3] });
    expect(envelopeIdHash(env)).toBe("0123456789abcdef");
    expect(contentHashMatches(env, sum)).toBe(true);
    expect(Array.from(env.bytes.subarray(env.bodyAt, env.bodyAt + 3))).toEqual([9, 8, 7]);
  });

  it("opens a view at an offset of a larger buffer as a copy at offset 0", () => {
    const out = written();
    const padded = Buffer.concat([Buffer.alloc(5), Buffer.from(out)]).subarray(5);
    const env = openEnvelope(padded, format);
    expect(env.bytes.byteOffset).toBe(0);
    expect(contentHashMatches(env, sum)).toBe(true);
    expect(envelopeIdHash(env)).toBe("0123456789abcdef");
  });

  it("refuses what is not bytes, another format, a truncated prefix, another version, a header past the end, bad JSON", () => {
    const out = written();
    expect(() => openEnvelope("x", format)).toThrow(/Test: expected test bytes \(got string\)/);
    expect(() => openEnvelope(null, format)).toThrow(/got null/);
    expect(() => openEnvelope(new Uint8Array(40), format)).toThrow(/not a test envelope/);
    expect(() => openEnvelope(out.subarray(0, 20), format)).toThrow(/truncated: 20 bytes/);
    const v = out.slice();
    new DataView(v.buffer).setUint32(8, 4, true);
    expect(() => openEnvelope(v, format)).toThrow(/format version 4; this Plexus reads version 3/);
    const h = out.slice();
    new DataView(h.buffer).setUint32(12, 4096, true);
    expect(() => openEnvelope(h, format)).toThrow(/the header alone needs 4128/);
    const j = out.slice();
    j[ENVELOPE_PREFIX] = 0x7b + 1;
    expect(() => envelopeHeader(openEnvelope(j, format), format)).toThrow(SnapshotError);
    const c = out.slice();
    c[c.length - 1] = 1;
    expect(contentHashMatches(openEnvelope(c, format), sum)).toBe(false);
  });
});
