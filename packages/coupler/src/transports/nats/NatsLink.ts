import type { CouplingError } from "@plexus/core";
import type { Observable } from "rxjs";
import type { Link } from "../../Transport.js";
import type { Window } from "../../Window.js";
import type { Bus } from "./Bus.js";
import { EdgeReceiver } from "./EdgeReceiver.js";
import { EdgeSender, type LinkTiming } from "./EdgeSender.js";
import { windowFraming } from "./Framing.js";
import type { EdgeSubjects } from "./subjects.js";

/** How one link behaves (the transport's options, see {@link NatsTransportOptions}). */
export interface NatsLinkSettings extends LinkTiming {
  readonly capacity: number;
  readonly ackOn: "delivery" | "consumption";
  readonly maxPayload: number;
}

/**
 * One direction of one edge over NATS: the sender side in the process that sends, the receiver
 * side in the process that subscribes (both in one process when a coordinator runs every unit).
 * Besides {@link Link}'s members it offers credits: at most {@link capacity} windows on the wire
 * unconsumed, {@link acknowledged} when room frees.
 */
export class NatsLink implements Link {
  private readonly sender: EdgeSender<Window>;
  private readonly receiver: EdgeReceiver<Window>;

  constructor(
    bus: Bus,
    /** The NATS subjects the link uses. */
    readonly subjects: EdgeSubjects,
    /** The edge as messages name it. */
    readonly edge: string,
    settings: NatsLinkSettings,
    onFail: (error: CouplingError) => void,
  ) {
    this.receiver = new EdgeReceiver(bus, subjects, edge, windowFraming, settings.ackOn, settings, ackEvery(settings.capacity));
    this.sender = new EdgeSender(bus, subjects, edge, windowFraming, settings.capacity, settings, settings.maxPayload, (error) => {
      this.receiver.fail(error);
      onFail(error);
    });
  }

  send(window: Window): void {
    if (window.steps > 0) this.sender.send(window); // a window of no steps carries nothing
  }

  get windows(): Observable<Window> {
    return this.receiver.windows;
  }

  close(): void {
    this.sender.close();
  }

  /** Most windows on the wire that the receiver has not consumed; more wait in order. */
  get capacity(): number {
    return this.sender.capacity;
  }

  /** Windows on the wire not yet consumed. */
  get unacknowledged(): number {
    return this.sender.unacknowledged;
  }

  /** Emits the receiver's last consumed step whenever an acknowledgement frees credit (sender side). */
  get acknowledged(): Observable<number> {
    return this.sender.acknowledged;
  }

  /** Receiver side, with `ackOn: "consumption"`: the receiving unit used its input through `step`. */
  consumed(step: number): void {
    this.receiver.consumed(step);
  }

  /** What recovery did: windows resent, and received windows dropped as duplicates or after a gap. */
  get recovery(): { readonly resent: number; readonly duplicates: number; readonly outOfOrder: number } {
    return { resent: this.sender.resent, duplicates: this.receiver.duplicates, outOfOrder: this.receiver.outOfOrder };
  }

  /** @internal the broker came back: resend what may have been lost, ask for what we may have missed */
  reconnected(): void {
    this.sender.resend();
    this.receiver.resubscribed();
  }

  /** @internal */
  tick(now: number): void {
    this.receiver.tick(now); // a gap is the receiver's to report, before the sender's silence
    this.sender.tick(now);
  }

  /** @internal ends both sides with `error` */
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

/** How many items a receiver may leave unacknowledged (see {@link EdgeReceiver}): a quarter of the sender's capacity, so that acknowledgements free credit long before it runs out. */
export function ackEvery(capacity: number): number {
  return Math.max(1, Math.floor(capacity / 4));
}
