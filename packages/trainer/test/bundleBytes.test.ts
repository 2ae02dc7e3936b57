// Bundle bytes: toBytes/fromBytes round trip without files, and a bundle written by an earlier
// version (hashes by node:crypto, test/fixtures/makeBundleV2.ts) still loads and verifies.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BundleError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { fromBytes, structureHash, toBytes } from "../src/index.js";
import { decodeSafetensors } from "../src/internal/safetensors.js";
import { sha256Hex } from "../src/internal/sha256.js";
import { load } from "../src/node.js";
import { fixtureInput, fixtureNetwork } from "./fixtures/makeBundleV2.js";

const fixturePath = fileURLToPath(new URL("./fixtures/bundle-v2.plexus.safetensors", import.meta.url));
const fixture = new Uint8Array(readFileSync(fixturePath));

function bitEqual(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function thrown(f: () => unknown): BundleError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    return e as BundleError;
  }
  throw new Error("expected a BundleError");
}

describe("a bundle saved by an earlier version (hashes by node:crypto)", () => {
  it("loads and verifies (checksum and structure hash), from the file and from its bytes", async () => {
    const fromFile = await load<{ u: 1 }, { y: 1 }>(fixturePath, { network: fixtureNetwork() });
    const fromMemory = fromBytes<{ u: 1 }, { y: 1 }>(fixture, { sha256: sha256Hex(fixture) });
    const a = fromFile.predict({ u: fixtureInput }).y.data;
    const b = fromMemory.predict({ u: fixtureInput }).y.data;
    expect(a.length).toBe(40);
    expect(new Set(a).size).toBeGreaterThan(10);
    expect(bitEqual(a, b)).toBe(true);
  });

  it("is written again byte for byte by toBytes (the same checksum and structure hash as then)", () => {
    const again = toBytes(fromBytes(fixture));
    expect(Buffer.from(again).equals(Buffer.from(fixture))).toBe(true);
    const decoded = decodeSafetensors(fixture);
    const manifest = "metadata" in decoded ? (JSON.parse(decoded.metadata["manifest"] ?? "{}") as { structureHash?: string }) : {};
    expect(structureHash(fixtureNetwork())).toBe(manifest.structureHash);
  });
});

describe("toBytes and fromBytes", () => {
  const trained = fromBytes<{ u: 1 }, { y: 1 }>(fixture);

  it("round trip predict bit for bit, without files", () => {
    const copy = fromBytes<{ u: 1 }, { y: 1 }>(toBytes(trained));
    expect(copy.parameterNames).toEqual(trained.parameterNames);
    expect(bitEqual(copy.predict({ u: fixtureInput }).y.data, trained.predict({ u: fixtureInput }).y.data)).toBe(true);
  });

  it("name the bytes' source in every error (default 'bundle')", () => {
    const damaged = toBytes(trained).slice(0, 100);
    expect(thrown(() => fromBytes(damaged)).message).toMatch(/^bundle: truncated file/);
    expect(thrown(() => fromBytes(damaged, { source: "https://example.org/a.plexus" })).message).toMatch(/^https:\/\/example\.org\/a\.plexus: truncated file/);
  });

  it("refuse bytes whose SHA-256 is not the one given, before reading them", () => {
    const bytes = toBytes(trained);
    const other = sha256Hex("not this bundle");
    expect(thrown(() => fromBytes(bytes, { sha256: other })).message).toMatch(/^bundle: hash mismatch: .*nothing in it was read/);
    expect(fromBytes(bytes, { sha256: sha256Hex(bytes).toUpperCase() }).parameterNames).toEqual(trained.parameterNames);
  });
});
