import { CouplingError } from "@plexus/core";
import { firstValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { Window } from "../Window.js";
import { RingTransport } from "./RingTransport.js";
import { createRing, RingReader, RingWriter } from "./SharedRing.js";

/** The bytes of a window's values (so NaN payloads and -0 compare exactly). */
const bits = (w: Window): number[] => [...new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength)];

/** A window of `steps` x `dims` values from `seed`, with a NaN payload and a -0 among them. */
function windowAt(start: number, steps: number, dims: number, seed: number): Window {
  const data = Float64Array.from({ length: steps * dims }, (_, i) => Math.sin(seed * 31 + i) * 1e3);
  if (data.length > 1) {
    data[0] = -0;
    new DataView(data.buffer).setUint32(8, 0x7ff80000 | seed, true); // low word of data[1]
    new DataView(data.buffer).setUint32(12, 0x7ff80001, true); // a NaN with a payload
  }
  return new Window(start, steps, dims, data);
}

describe("SharedRing", () => {
  it("carries windows of every size through many wraps in order, bit for bit, then the end mark", () => {
    const ring = createRing({ dims: 3, windowSteps: 7, boundSteps: 7 });
    const writer = new RingWriter("e", ring);
    const reader = new RingReader("e", ring);
    const sent: Window[] = [];
    const check = (): void => {
      const got = reader.read();
      const want = sent.shift();
      if (!(got instanceof Window) || want === undefined) throw new Error(`expected a window, read ${String(got)}`);
      expect([got.start, got.steps, got.dims]).toEqual([want.start, want.steps, want.dims]);
      expect(bits(got)).toEqual(bits(want));
    };
    let start = 1;
    for (let k = 0; k < 500; k++) {
      const w = windowAt(start, 1 + ((k * 5) % 7), 3, k);
      start = w.end + 1;
      // the reader reads one window in three: the ring fills, and refuses what has no room until it reads
      while (!writer.tryWrite(w)) check();
      sent.push(w);
      if (k % 3 === 0) check();
    }
    while (!writer.tryWrite(null)) check();
    while (sent.length > 0) check();
    expect(reader.read()).toBeNull();
    expect(reader.read()).toBeUndefined();
  });

  it("holds every window the credit bound lets be in flight, and refuses one more", () => {
    const size = { dims: 2, windowSteps: 4, boundSteps: 12 };
    const writer = new RingWriter("e", createRing(size));
    let written = 0;
    for (let s = 1; s <= size.boundSteps; s++) {
      expect(writer.tryWrite(new Window(s, 1, 2))).toBe(true); // one-step windows: the most frames
      written++;
    }
    expect(writer.tryWrite(null)).toBe(true);
    expect(written).toBe(12);
    // the ring is a power of two: fill what is left, then it refuses
    let more = 0;
    while (writer.tryWrite(new Window(100 + more, 1, 2))) more++;
    expect(writer.tryWrite(new Window(1000, 1, 2))).toBe(false);
  });

  it("refuses a window longer than its ring could ever hold, naming the link", () => {
    const writer = new RingWriter("a.y->b.u", createRing({ dims: 1, windowSteps: 1, boundSteps: 1 }));
    expect(() => writer.tryWrite(new Window(1, 100_000, 1))).toThrow(CouplingError);
    expect(() => writer.tryWrite(new Window(1, 100_000, 1))).toThrow(/^a\.y->b\.u: a window of 800032 bytes does not fit its ring/);
  });

  it("reports a corrupt frame as a CouplingError naming the link", () => {
    const ring = createRing({ dims: 1, windowSteps: 1, boundSteps: 1 });
    new RingWriter("e", ring).tryWrite(new Window(1, 1, 1));
    new Int32Array(ring, 128, 2)[0] = 12; // a length that is no frame
    expect(() => new RingReader("a->b", ring).read()).toThrow(/^a->b: a corrupt frame in its ring \(length 12 at 0\)/);
    expect(() => new RingReader("x", new SharedArrayBuffer(300))).toThrow(/^x: not a ring buffer/);
  });
});

describe("RingTransport", () => {
  it("delivers every window once, in order, bit for bit, queuing at the sender what a small ring has no room for", async () => {
    const ring = createRing({ dims: 4, windowSteps: 2, boundSteps: 2 });
    const t = new RingTransport(new Map([["e", ring]]));
    const link = t.open("e");
    const sent = Array.from({ length: 200 }, (_, k) => windowAt(2 * k + 1, 2, 4, k));
    // sent before the receiver subscribes: most of them wait at the sender for room
    for (const w of sent) link.send(w);
    link.close();
    const got = await firstValueFrom(t.open("e").windows.pipe(toArray()));
    expect(got.map((w) => [w.start, w.steps])).toEqual(sent.map((w) => [w.start, w.steps]));
    expect(got.map(bits)).toEqual(sent.map(bits));
    t.close();
  });

  it("names a link it was given no ring for", () => {
    expect(() => new RingTransport(new Map()).open("a.y->b.u")).toThrow(/^a\.y->b\.u: this host was given no ring for it/);
  });
});
