/**
 * What the NATS links need of a connection: publish bytes on a subject, and subscribe to one. A
 * NATS connection provides it; the tests put a lossy in-memory bus in its place to drop, repeat
 * and reorder messages at will.
 */
export interface Bus {
  publish(subject: string, data: Uint8Array): void;
  /** Calls `onMessage` with each message's bytes, in the order the broker delivers them, until unsubscribed. */
  subscribe(subject: string, onMessage: (data: Uint8Array) => void): { unsubscribe(): void };
}

/** The acknowledgement a receiver sends back on the edge's `ack` subject. */
export interface Ack {
  /** Every step through this one was delivered (the sender may forget those windows). */
  readonly delivered: number;
  /** Every step through this one was used by the receiving unit (the sender's credit). */
  readonly consumed: number;
  /**
   * `ack`: progress; `resend`: the receiver (re)subscribed or saw a gap, and asks for every window
   * after `delivered` again; `closed`: the end of the stream arrived.
   */
  readonly kind: "ack" | "resend" | "closed";
}

const KINDS = ["ack", "resend", "closed"] as const;

/** 24 bytes: delivered, consumed and kind as little-endian float64. */
export function encodeAck(ack: Ack): Uint8Array {
  const bytes = new Uint8Array(24);
  const view = new DataView(bytes.buffer);
  view.setFloat64(0, ack.delivered, true);
  view.setFloat64(8, ack.consumed, true);
  view.setFloat64(16, KINDS.indexOf(ack.kind), true);
  return bytes;
}

/** The acknowledgement in `bytes`, or null when they are not one. */
export function decodeAck(bytes: Uint8Array): Ack | null {
  if (bytes.byteLength !== 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 24);
  const kind = KINDS[view.getFloat64(16, true)];
  const delivered = view.getFloat64(0, true);
  const consumed = view.getFloat64(8, true);
  if (kind === undefined || !Number.isSafeInteger(delivered) || !Number.isSafeInteger(consumed)) return null;
  return { delivered, consumed, kind };
}
