import { deserialize, serialize } from "node:v8";
import type { CouplingError } from "@plexus/core";
import { Observable } from "rxjs";
import type { Bus } from "./Bus.js";
import { EdgeReceiver } from "./EdgeReceiver.js";
import { EdgeSender, type LinkTiming } from "./EdgeSender.js";
import { messageFraming } from "./Framing.js";
import { ackEvery } from "./NatsLink.js";
import type { EdgeSubjects } from "./subjects.js";

/** Most messages of a channel on the wire unacknowledged. */
const CHANNEL_CAPACITY = 64;

/**
 * An ordered stream of messages between two processes over NATS, each delivered exactly once
 * (numbered, acknowledged, resent after a reconnect, duplicates dropped), as the windows of an
 * edge are: what carries a coordinator's commands to a worker and the worker's events back.
 * Messages are structured-clone values (`node:v8` serialisation), so typed arrays keep their bits;
 * one larger than the broker's max_payload (a unit's network, a snapshot) goes in parts.
 */
export class NatsChannel<T> {
  private readonly sender: EdgeSender<Uint8Array>;
  private readonly receiver: EdgeReceiver<Uint8Array>;
  /** The messages as they arrive (receiver side; one subscriber). */
  readonly messages: Observable<T>;

  /** Most bytes of a message in one part (the broker's max_payload less the headers). */
  private readonly partBytes: number;

  constructor(
    bus: Bus,
    subjects: EdgeSubjects,
    readonly name: string,
    timing: LinkTiming,
    maxPayload: number,
    onFail: (error: CouplingError) => void,
  ) {
    this.partBytes = Math.max(1024, maxPayload - 64);
    this.receiver = new EdgeReceiver(bus, subjects, name, messageFraming, "delivery", timing, ackEvery(CHANNEL_CAPACITY));
    this.sender = new EdgeSender(bus, subjects, name, messageFraming, CHANNEL_CAPACITY, timing, maxPayload, (error) => {
      this.receiver.fail(error);
      onFail(error);
    });
    this.messages = new Observable<T>((subscriber) => {
      let parts: Uint8Array[] = [];
      return this.receiver.windows.subscribe({
        next: (bytes) => {
          // The first byte says whether more parts follow (1) or this is the last (0).
          parts.push(bytes.subarray(1));
          if (bytes[0] === 1) return;
          const [only] = parts;
          const whole = parts.length === 1 && only !== undefined ? only : Buffer.concat(parts);
          parts = [];
          subscriber.next(deserialize(whole) as T);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
  }

  /** Sends one message (sender side), in parts when it is larger than the broker takes at once. */
  send(message: T): void {
    const bytes = serialize(message);
    for (let at = 0; at < bytes.byteLength || at === 0; at += this.partBytes) {
      const end = Math.min(bytes.byteLength, at + this.partBytes);
      const part = new Uint8Array(1 + end - at);
      part[0] = end < bytes.byteLength ? 1 : 0;
      part.set(bytes.subarray(at, end), 1);
      this.sender.send(part);
    }
  }

  /** Ends the stream (sender side): the receiver's `messages` completes after the last one. */
  close(): void {
    this.sender.close();
  }

  /** Whether everything sent, the end included, was acknowledged. */
  get settled(): boolean {
    return this.sender.settled;
  }

  /** @internal */
  reconnected(): void {
    this.sender.resend();
    this.receiver.resubscribed();
  }

  /** @internal */
  tick(now: number): void {
    this.receiver.tick(now);
    this.sender.tick(now);
  }

  /** @internal */
  fail(error: CouplingError): void {
    this.receiver.fail(error);
    this.sender.fail(error);
  }

  /** @internal */
  dispose(): void {
    this.sender.dispose();
    this.receiver.dispose();
  }
}
