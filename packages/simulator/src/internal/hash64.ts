/**
 * A 64-bit non-cryptographic hash (two 32-bit lanes: MurmurHash3's and xxHash32's mixing over
 * little-endian words) as 16 hex digits. It detects truncation and corruption of snapshots, not
 * tampering. Works in browsers (no node:crypto).
 */
export class Hash64 {
  private h1 = 0x9747b28c;
  private h2 = 0x165667b1;
  private length = 0;

  /** Mixes `bytes` in (every call is padded to whole words, so calls are not concatenation). */
  update(bytes: Uint8Array): this {
    const words = bytes.length >>> 2;
    const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < words; i++) {
      const w = data.getInt32(4 * i, true);
      let k = Math.imul(w, 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      h1 ^= k;
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      h2 = (h2 + Math.imul(w, 0x85ebca77)) | 0;
      h2 = Math.imul((h2 << 13) | (h2 >>> 19), 0x9e3779b1);
    }
    let tail = 0;
    let shift = 0;
    for (const b of bytes.subarray(words * 4)) {
      tail |= b << shift;
      shift += 8;
    }
    // the tail and the byte count of this call, as one more word each
    for (const w of [tail, bytes.length | 0]) {
      h1 = Math.imul(h1 ^ w, 0x1b873593);
      h1 = (h1 << 13) | (h1 >>> 19);
      h2 = Math.imul(h2 ^ w, 0x27d4eb2f);
      h2 = (h2 << 17) | (h2 >>> 15);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.length += bytes.length;
    return this;
  }

  /** Mixes in a string (as UTF-8). */
  text(s: string): this {
    return this.update(new TextEncoder().encode(s));
  }

  /** The digest: 16 lowercase hex digits. */
  digest(): string {
    const fmix = (h: number, m1: number, m2: number): number => {
      h ^= h >>> 16;
      h = Math.imul(h, m1);
      h ^= h >>> 13;
      h = Math.imul(h, m2);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const n = (this.length % 0x100000000) | 0;
    const a = fmix(this.h1 ^ n ^ this.h2, 0x85ebca6b, 0xc2b2ae35);
    const b = fmix(this.h2 ^ n ^ a, 0x7feb352d, 0x846ca68b);
    return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
  }
}
