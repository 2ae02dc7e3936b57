// SHA-256 through @noble/hashes: synchronous, and the same in Node and in browsers (no node:crypto),
// so bundles and structure hashes are computed alike everywhere.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** The SHA-256 (64 lowercase hex digits) of the parts one after another, each string as UTF-8. */
export function sha256Hex(...parts: readonly (string | Uint8Array)[]): string {
  const hash = sha256.create();
  for (const part of parts) hash.update(typeof part === "string" ? utf8ToBytes(part) : part);
  return bytesToHex(hash.digest());
}
