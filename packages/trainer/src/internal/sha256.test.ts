import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.js";

describe("sha256Hex", () => {
  it("is Node's SHA-256 of the parts one after another (strings as UTF-8), so hashes stay what node:crypto made", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251);
    const cases: (string | Uint8Array)[][] = [[], [""], ["abc"], ["é→ü 漢字 🙂", "\n", bytes], [bytes.subarray(3, 700), "x".repeat(64)], [new Uint8Array(0)]];
    for (const parts of cases) {
      const node = createHash("sha256");
      for (const part of parts) node.update(part);
      expect(sha256Hex(...parts)).toBe(node.digest("hex"));
    }
  });
});
