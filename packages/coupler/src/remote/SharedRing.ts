import { CouplingError } from "@plexus/core";
import { smallInteger, Window } from "../Window.js";
import type { LinkSize } from "./HostConnector.js";

// A single-producer single-consumer ring of step-stamped window frames in a SharedArrayBuffer, for
// one direction of one edge between two threads of a process. Layout (bytes):
//   0   int32 write count (bytes published, wrapping at 2^32), written by the producer only
//   4   int32 1 while the consumer waits for a frame (the producer then notifies the write count)
//   64  int32 read count (bytes consumed), written by the consumer only
//   68  int32 1 while the producer waits for room (the consumer then notifies the read count)
//   128 the frames: a power-of-two number of bytes; a frame starts 8-aligned and never wraps
// A frame: int32 length (bytes, header included), int32 kind, float64 start, steps, dims, then
// steps x dims float64 values (native byte order: both ends are threads of one process).

const WRITE = 0;
const READER_WAITING = 1;
const READ = 16;
const WRITER_WAITING = 17;
const DATA = 128;
/** `Atomics.waitAsync` (ES2024, in Node since 16; the ES2023 lib this project compiles against lacks its type). */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { readonly async: false; readonly value: "not-equal" | "timed-out" } | { readonly async: true; readonly value: Promise<"ok" | "timed-out"> };
const waitAsync: WaitAsync = (Atomics as unknown as { readonly waitAsync: WaitAsync }).waitAsync.bind(Atomics);

/**
 * Runs `then` once the count at `counter` moves past `seen` (at once, as a microtask, if it already
 * has), without blocking the thread; the flag at `waiting` is 1 meanwhile, so that the other end
 * notifies the count when it moves it.
 */
function whenPast(ctrl: Int32Array, counter: number, waiting: number, seen: number, then: () => void): void {
  Atomics.store(ctrl, waiting, 1);
  const woken = (): void => {
    Atomics.store(ctrl, waiting, 0);
    then();
  };
  const r = waitAsync(ctrl, counter, seen);
  if (r.async) void r.value.then(woken);
  else queueMicrotask(woken);
}

/** Bytes of a frame before its values. */
export const FRAME_HEADER_BYTES = 32;

const WINDOW_FRAME = 1;
const END_FRAME = 2;
/** Marks the bytes left at the end of the data: the next frame starts at 0. */
const WRAP_FRAME = 3;

/** Most bytes of frames one ring holds (a link with more in flight queues the rest at the sender). */
const MAX_RING_BYTES = 1 << 23;

/**
 * A new ring for a link of `size`: room for every frame the credit bound lets be in flight (each
 * window at least one step, so at most `boundSteps` frames and their values, plus the end mark),
 * up to 8 MiB; always room for two of the longest frames (one may be skipped at the wrap).
 */
export function createRing(size: LinkSize): SharedArrayBuffer {
  const frame = (steps: number): number => FRAME_HEADER_BYTES + 8 * steps * size.dims;
  const bound = size.boundSteps * FRAME_HEADER_BYTES + frame(size.boundSteps) + FRAME_HEADER_BYTES;
  const need = Math.max(Math.min(bound, MAX_RING_BYTES), 2 * frame(size.windowSteps) + FRAME_HEADER_BYTES);
  let bytes = 256;
  while (bytes < need) bytes *= 2;
  return new SharedArrayBuffer(DATA + bytes);
}

/** The views both ends of a ring use. */
class RingViews {
  readonly ctrl: Int32Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly capacity: number;

  constructor(
    readonly name: string,
    buffer: SharedArrayBuffer,
  ) {
    const capacity = buffer.byteLength - DATA;
    if (capacity < 256 || (capacity & (capacity - 1)) !== 0)
      throw new CouplingError(`${name}: not a ring buffer (${buffer.byteLength} bytes; a bug in the coupler's placement)`, { label: name });
    this.capacity = capacity;
    this.ctrl = new Int32Array(buffer, 0, DATA / 4);
    this.i32 = new Int32Array(buffer, DATA);
    this.f64 = new Float64Array(buffer, DATA);
  }
}

/** The producer's end of a ring: frames written in order, published one at a time. */
export class RingWriter {
  private readonly v: RingViews;

  constructor(name: string, buffer: SharedArrayBuffer) {
    this.v = new RingViews(name, buffer);
  }

  /** Writes the frame of `w` (or the end mark, for null); false when the ring has no room for it now. @throws CouplingError when no ring this size ever could hold it */
  tryWrite(w: Window | null): boolean {
    const { ctrl, i32, f64, capacity } = this.v;
    const n = w === null ? 0 : w.data.length;
    const need = FRAME_HEADER_BYTES + 8 * n;
    if (2 * need > capacity)
      throw new CouplingError(`${this.v.name}: a window of ${need} bytes does not fit its ring of ${capacity} (a bug in the coupler's ring sizing)`, {
        label: this.v.name,
      });
    let written = Atomics.load(ctrl, WRITE);
    const free = capacity - ((written - Atomics.load(ctrl, READ)) >>> 0);
    let at = written & (capacity - 1);
    const tail = capacity - at;
    if (need > tail) {
      if (free < tail + need) return false;
      i32[at >> 2] = tail;
      i32[(at >> 2) + 1] = WRAP_FRAME;
      written = (written + tail) | 0;
      at = 0;
    } else if (free < need) return false;
    i32[at >> 2] = need;
    const f = at >> 3;
    if (w === null) i32[(at >> 2) + 1] = END_FRAME;
    else {
      i32[(at >> 2) + 1] = WINDOW_FRAME;
      f64[f + 1] = w.start;
      f64[f + 2] = w.steps;
      f64[f + 3] = w.dims;
      f64.set(w.data, f + 4);
    }
    Atomics.store(ctrl, WRITE, (written + need) | 0);
    // a consumer that is not waiting reads the frame when it next looks (no wake-up to pay for)
    if (Atomics.load(ctrl, READER_WAITING) !== 0) Atomics.notify(ctrl, WRITE);
    return true;
  }

  /** Waits (without blocking the thread) until the consumer has read something; `then` runs at once if it already has since `seen`. */
  whenRead(seen: number, then: () => void): void {
    whenPast(this.v.ctrl, READ, WRITER_WAITING, seen, then);
  }

  /** The consumer's read count now (for {@link whenRead}). */
  get readCount(): number {
    return Atomics.load(this.v.ctrl, READ);
  }
}

/** The consumer's end of a ring. */
export class RingReader {
  private readonly v: RingViews;

  constructor(name: string, buffer: SharedArrayBuffer) {
    this.v = new RingViews(name, buffer);
  }

  /** The producer's write count now (for {@link whenWritten}). */
  get writeCount(): number {
    return Atomics.load(this.v.ctrl, WRITE);
  }

  /** The consumer's read count now (equal to the write count when the ring is empty). */
  get readCount(): number {
    return Atomics.load(this.v.ctrl, READ);
  }

  /** The next frame: a window, null for the end mark, undefined when the ring is empty. @throws CouplingError on a corrupt frame */
  read(): Window | null | undefined {
    const { ctrl, i32, f64, capacity } = this.v;
    let read = Atomics.load(ctrl, READ);
    for (;;) {
      if (read === Atomics.load(ctrl, WRITE)) return undefined;
      const at = read & (capacity - 1);
      const length = i32[at >> 2] ?? 0;
      const kind = i32[(at >> 2) + 1];
      if (length < 8 || length > capacity - at || length % 8 !== 0)
        throw new CouplingError(`${this.v.name}: a corrupt frame in its ring (length ${length} at ${at})`, { label: this.v.name });
      read = (read + length) | 0;
      if (kind === WRAP_FRAME) {
        this.consumed(read);
        continue;
      }
      let frame: Window | null = null;
      if (kind === WINDOW_FRAME) {
        const f = at >> 3;
        const steps = smallInteger(f64[f + 2] ?? 0);
        const dims = smallInteger(f64[f + 3] ?? 0);
        frame = new Window(smallInteger(f64[f + 1] ?? 0), steps, dims, f64.slice(f + 4, f + 4 + steps * dims));
      } else if (kind !== END_FRAME) throw new CouplingError(`${this.v.name}: a corrupt frame in its ring (kind ${kind})`, { label: this.v.name });
      this.consumed(read);
      return frame;
    }
  }

  /** Waits (without blocking the thread) until the producer has written past `seen`; `then` runs at once (as a microtask) if it already has. */
  whenWritten(seen: number, then: () => void): void {
    whenPast(this.v.ctrl, WRITE, READER_WAITING, seen, then);
  }

  private consumed(read: number): void {
    const { ctrl } = this.v;
    Atomics.store(ctrl, READ, read);
    // the producer clears the flag when woken (clearing it here could miss its next wait)
    if (Atomics.load(ctrl, WRITER_WAITING) !== 0) Atomics.notify(ctrl, READ);
  }
}
