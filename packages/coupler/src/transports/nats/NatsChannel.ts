import { deserialize, serialize } from "node:v8";
import type { CouplingError } from "@plexus/core";
import { map, type Observable } from "rxjs";
import type { Bus } from "./Bus.js";
import { EdgeReceiver } from "./EdgeReceiver.js";
import { EdgeSender, type LinkTiming } from "./EdgeSender.js";
import { messageFraming } from "./Framing.js";
import type { EdgeSubjects } from "./subjects.js";

/**
 * An ordered stream of messages between two processes over NATS, each delivered exactly once
 * (numbered, acknowledged, resent after a reconnect, duplicates dropped), as the windows of an
 * edge are: what carries a coordinator's commands to a worker and the worker's events back.
 * Messages are structured-clone values (`node:v8` serialisation), so typed arrays keep their bits.
 */
export class NatsChannel<T> {
  private readonly sender: EdgeSender<Uint8Array>;
  private readonly receiver: EdgeReceiver<Uint8Array>;
  /** The messages as they arrive (receiver side; one subscriber). */
  readonly messages: Observable<T>;

  constructor(bus: Bus, subjects: EdgeSubjects, readonly name: string, timing: LinkTiming, maxPayload: number, onFail: (error: CouplingError) => void) {
    this.receiver = new EdgeReceiver(bus, subjects, name, messageFraming, "delivery", timing);
    this.sender = new EdgeSender(bus, subjects, name, messageFraming, 64, timing, maxPayload, (error) => {
      this.receiver.fail(error);
      onFail(error);
    });
    this.messages = this.receiver.windows.pipe(map((bytes) => deserialize(bytes) as T));
  }

  /** Sends one message (sender side). @throws CouplingError when it is over the broker's max_payload */
  send(message: T): void {
    this.sender.send(new Uint8Array(serialize(message)));
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
