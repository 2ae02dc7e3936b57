import { describe, expect, it } from "vitest";
import { Hash64 } from "./hash64.js";

describe("Hash64", () => {
  it("gives the same digest for the same bytes at any byte offset and any length mod 4", () => {
    for (let length = 48; length <= 57; length++) {
      const pattern = Uint8Array.from({ length }, (_, i) => (i * 97 + 13) & 0xff);
      const digests = [0, 1, 2, 3].map((offset) => {
        const bytes = new Uint8Array(new ArrayBuffer(length + 4), offset, length);
        bytes.set(pattern);
        return new Hash64().update(bytes).digest();
      });
      expect(new Set(digests), `length ${length}`).toEqual(new Set([new Hash64().update(pattern).digest()]));
    }
  });

  it("tells apart inputs that differ in one byte, in length, or in how they are split into calls", () => {
    const bytes = Uint8Array.from({ length: 23 }, (_, i) => i);
    const flipped = Uint8Array.from(bytes, (b, i) => (i === 21 ? b ^ 1 : b));
    const whole = new Hash64().update(bytes).digest();
    expect(new Hash64().update(flipped).digest()).not.toBe(whole);
    expect(new Hash64().update(bytes.subarray(0, 22)).digest()).not.toBe(whole);
    expect(new Hash64().update(bytes.subarray(0, 8)).update(bytes.subarray(8)).digest()).not.toBe(whole);
    expect(whole).toMatch(/^[0-9a-f]{16}$/);
  });
});
