import { CouplingError } from "@plexus/core";
import { Window } from "../../Window.js";

/** One message of a stream as the links see it: its stamps (first and last step or sequence number) and what it carries. */
export interface Frame<T> {
  readonly start: number;
  readonly end: number;
  /** The item, or null for the end of the stream (stamped just after the last one). */
  readonly item: T | null;
}

/**
 * How the items of a reliable stream become messages and back. Stamps are contiguous: an item's
 * `start` is the previous one's `end + 1`, the first starts at 1.
 */
export interface Framing<T> {
  /** The message of `item`, which the sender stamps from `start` (the one after the last sent). */
  encode(item: T, start: number): { readonly bytes: Uint8Array; readonly end: number };
  /** The end-of-stream message after stamp `last`. */
  end(last: number): Uint8Array;
  /** @throws CouplingError when the bytes are not a message of this stream */
  decode(bytes: Uint8Array): Frame<T>;
}

/**
 * Windows as {@link Window.toBytes} gives them, stamped by their steps; the end of the stream is a
 * window of no steps stamped after the last step.
 */
export const windowFraming: Framing<Window> = {
  encode(w, start) {
    if (w.start !== start) {
      throw new CouplingError(`the sender sent steps ${w.start}..${w.end} after step ${start - 1} (windows must be contiguous)`);
    }
    return { bytes: w.toBytes(), end: w.end };
  },
  end: (last) => new Window(last + 1, 0, 0).toBytes(),
  decode(bytes) {
    const w = Window.fromBytes(bytes);
    return w.steps === 0 ? { start: w.start, end: w.start, item: null } : { start: w.start, end: w.end, item: w };
  },
};

const MESSAGE_MAGIC = 0x4d585850; // "PXXM" read little-endian
const MESSAGE_HEADER = 16;

/**
 * Byte messages numbered 1, 2, 3...: a 16-byte header (magic, a flag for the end, the number) and
 * the bytes.
 */
export const messageFraming: Framing<Uint8Array> = {
  encode(item, start) {
    const bytes = new Uint8Array(MESSAGE_HEADER + item.byteLength);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, MESSAGE_MAGIC, true);
    view.setFloat64(8, start, true);
    bytes.set(item, MESSAGE_HEADER);
    return { bytes, end: start };
  },
  end(last) {
    const bytes = new Uint8Array(MESSAGE_HEADER);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, MESSAGE_MAGIC, true);
    view.setUint32(4, 1, true);
    view.setFloat64(8, last + 1, true);
    return bytes;
  },
  decode(bytes) {
    if (bytes.byteLength < MESSAGE_HEADER) throw new CouplingError(`${bytes.byteLength} bytes is shorter than a message header`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MESSAGE_MAGIC) throw new CouplingError("not a Plexus message (bad magic number)");
    const seq = view.getFloat64(8, true);
    if (!Number.isSafeInteger(seq) || seq < 1) throw new CouplingError(`bad sequence number ${seq}`);
    return { start: seq, end: seq, item: view.getUint32(4, true) === 1 ? null : bytes.slice(MESSAGE_HEADER) };
  },
};
