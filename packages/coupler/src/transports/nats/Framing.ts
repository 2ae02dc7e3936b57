import { CouplingError } from "@plexus/core";
import { Window } from "../../Window.js";

/**
 * One message of a stream as the links see it: an item with its stamps (first and last step, or
 * its number), the beginning of the stream (the stamp before its first item: a stream may begin at
 * any step, e.g. one resumed from a snapshot), or its end (the stamp after its last item).
 */
export type Frame<T> =
  | { readonly kind: "item"; readonly start: number; readonly end: number; readonly item: T }
  | { readonly kind: "begin"; readonly start: number; readonly end: number }
  | { readonly kind: "end"; readonly start: number; readonly end: number };

/** How the items of a reliable stream become messages and back. Stamps are contiguous: an item's `start` is the previous one's `end + 1`. */
export interface Framing<T> {
  /**
   * The message of `item` and its stamps; `next` is the stamp it must start at (the one after the
   * last sent), or null for the first item of a stream that may begin anywhere.
   * @throws Error when the item does not start at `next`
   */
  encode(item: T, next: number | null): { readonly bytes: Uint8Array; readonly start: number; readonly end: number };
  /** The message that begins a stream whose first item starts at `first` (stamped `first - 1`). */
  begin(first: number): Uint8Array;
  /** The end-of-stream message after stamp `last`. */
  end(last: number): Uint8Array;
  /** @throws CouplingError when the bytes are not a message of this stream */
  decode(bytes: Uint8Array): Frame<T>;
}

/**
 * Windows as {@link Window.toBytes} gives them, stamped by their steps. The beginning is a window
 * of no steps and 1 value per step stamped at the first step, the end one of no steps and no
 * values stamped after the last step.
 */
export const windowFraming: Framing<Window> = {
  encode(w, next) {
    if (next !== null && w.start !== next) {
      throw new CouplingError(`the sender sent steps ${w.start}..${w.end} after step ${next - 1} (windows must be contiguous)`);
    }
    return { bytes: w.toBytes(), start: w.start, end: w.end };
  },
  begin: (first) => new Window(first, 0, 1).toBytes(),
  end: (last) => new Window(last + 1, 0, 0).toBytes(),
  decode(bytes) {
    const w = Window.fromBytes(bytes);
    if (w.steps > 0) return { kind: "item", start: w.start, end: w.end, item: w };
    return w.dims === 1 ? { kind: "begin", start: w.start - 1, end: w.start - 1 } : { kind: "end", start: w.start, end: w.start };
  },
};

const MESSAGE_MAGIC = 0x4d585850; // "PXXM" read little-endian
const MESSAGE_HEADER = 16;
const KIND_ITEM = 0;
const KIND_END = 1;
const KIND_BEGIN = 2;

function header(kind: number, stamp: number, size: number): Uint8Array {
  const bytes = new Uint8Array(MESSAGE_HEADER + size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MESSAGE_MAGIC, true);
  view.setUint32(4, kind, true);
  view.setFloat64(8, stamp, true);
  return bytes;
}

/**
 * Byte messages numbered 1, 2, 3...: a 16-byte header (magic, kind: item, end or beginning, the
 * number) and the bytes.
 */
export const messageFraming: Framing<Uint8Array> = {
  encode(item, next) {
    const n = next ?? 1;
    const bytes = header(KIND_ITEM, n, item.byteLength);
    bytes.set(item, MESSAGE_HEADER);
    return { bytes, start: n, end: n };
  },
  begin: (first) => header(KIND_BEGIN, first - 1, 0),
  end: (last) => header(KIND_END, last + 1, 0),
  decode(bytes) {
    if (bytes.byteLength < MESSAGE_HEADER) throw new CouplingError(`${bytes.byteLength} bytes is shorter than a message header`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MESSAGE_MAGIC) throw new CouplingError("not a Plexus message (bad magic number)");
    const kind = view.getUint32(4, true);
    const n = view.getFloat64(8, true);
    if (!Number.isSafeInteger(n) || n < 0 || kind > KIND_BEGIN) throw new CouplingError(`bad message header (kind ${kind}, number ${n})`);
    if (kind === KIND_BEGIN) return { kind: "begin", start: n, end: n };
    if (kind === KIND_END) return { kind: "end", start: n, end: n };
    return { kind: "item", start: n, end: n, item: bytes.slice(MESSAGE_HEADER) };
  },
};
