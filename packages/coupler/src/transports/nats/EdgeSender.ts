import { CouplingError } from "@plexus/core";
import { type Observable, Subject } from "rxjs";
import { type Ack, type Bus, decodeAck } from "./Bus.js";
import type { Framing } from "./Framing.js";
import type { EdgeSubjects } from "./subjects.js";

/** The timing of a link's recovery. */
export interface LinkTiming {
  /** Resend what is unacknowledged after this many milliseconds without an acknowledgement. */
  readonly retransmitMs: number;
  /** A link that makes no progress for this many milliseconds while it has something to deliver fails. */
  readonly timeoutMs: number;
}

interface Unacked {
  readonly end: number;
  readonly bytes: Uint8Array;
}

/**
 * The sending side of one reliable stream over NATS (an edge direction's windows, or a host's
 * messages): publishes each item's message on the data subject, keeps those not yet acknowledged
 * (at most `capacity` unconsumed on the wire; the rest wait in order), resends them when the
 * receiver asks (it resubscribed, or saw a gap) or when acknowledgements stop coming, and ends the
 * stream with an end message stamped after the last item.
 */
export class EdgeSender<T> {
  /** The stamp of the last item sent (null until the first: the stream begins where it starts). */
  private lastEnd: number | null = null;
  private finalEnd: number | null = null;
  private closeAcked = false;
  private readonly unacked: Unacked[] = [];
  /** Ends of the windows on the wire the receiver has not consumed (the credit in use). */
  private readonly unconsumed: number[] = [];
  private readonly waiting: Unacked[] = [];
  private delivered = -1;
  private consumedThrough = -1;
  private lastProgress = performance.now();
  private lastSent = performance.now();
  private ackSubscription: { unsubscribe(): void } | null = null;
  private failed = false;
  private readonly acks = new Subject<number>();
  /** Windows sent again (after a reconnect or a gap). */
  resent = 0;

  constructor(
    private readonly bus: Bus,
    private readonly subjects: EdgeSubjects,
    private readonly edge: string,
    private readonly framing: Framing<T>,
    readonly capacity: number,
    private readonly timing: LinkTiming,
    private readonly maxPayload: number,
    private readonly onFail: (error: CouplingError) => void,
  ) {}

  /** Windows on the wire the receiver has not yet consumed. */
  get unacknowledged(): number {
    return this.unconsumed.length;
  }

  /** Emits the receiver's last consumed step each time an acknowledgement frees credit. */
  get acknowledged(): Observable<number> {
    return this.acks.asObservable();
  }

  /** Whether everything sent, the end of the stream included, was acknowledged. */
  get settled(): boolean {
    return this.unacked.length === 0 && this.waiting.length === 0 && (this.finalEnd === null || this.closeAcked);
  }

  /** @throws CouplingError when the item does not follow the last one, or its message is over the broker's max_payload */
  send(item: T): void {
    if (this.failed) return;
    if (this.finalEnd !== null) throw new CouplingError(`${this.edge}: sent after the link was closed`, { label: this.edge });
    let message: { readonly bytes: Uint8Array; readonly start: number; readonly end: number };
    try {
      message = this.framing.encode(item, this.lastEnd === null ? null : this.lastEnd + 1);
    } catch (cause) {
      throw new CouplingError(`${this.edge}: ${cause instanceof Error ? cause.message : String(cause)}`, { label: this.edge, cause });
    }
    if (message.bytes.byteLength > this.maxPayload) {
      throw new CouplingError(
        `${this.edge}: a message of ${message.bytes.byteLength} bytes is more than the NATS broker's max_payload (${this.maxPayload}); for windows lower the run's maxWindowSteps, or raise max_payload in the broker's configuration`,
        { label: this.edge },
      );
    }
    if (this.lastEnd === null) this.begin(message.start);
    this.lastEnd = message.end;
    if (this.unconsumed.length < this.capacity && this.waiting.length === 0) this.publish(message);
    else this.waiting.push(message);
  }

  close(): void {
    if (this.finalEnd !== null || this.failed) return;
    this.finalEnd = this.lastEnd ?? this.begin(1);
    if (this.waiting.length === 0) this.publishEnd();
  }

  /** Resends every window not known delivered (and the end of the stream once everything is out). */
  resend(): void {
    if (this.failed) return;
    for (const u of this.unacked) this.bus.publish(this.subjects.data, u.bytes);
    this.resent += this.unacked.length;
    if (this.finalEnd !== null && this.waiting.length === 0 && !this.closeAcked) this.publishEnd();
    this.lastSent = performance.now();
  }

  /** Checks the clock: resends after `retransmitMs` without an acknowledgement, fails after `timeoutMs` without one. */
  tick(now: number): void {
    if (this.failed) return;
    if (this.settled) {
      this.lastProgress = now;
      return;
    }
    if (now - this.lastProgress > this.timing.timeoutMs) {
      this.fail(
        new CouplingError(
          `${this.edge}: the receiver acknowledged nothing for ${this.timing.timeoutMs} ms (delivered through step ${this.delivered}, sent through ${this.lastEnd}); its process or the NATS broker does not answer (timeoutMs)`,
          { label: this.edge },
        ),
      );
      return;
    }
    if (now - this.lastSent > this.timing.retransmitMs && (this.unacked.length > 0 || (this.finalEnd !== null && this.waiting.length === 0))) this.resend();
  }

  /** Stops listening; what was not acknowledged is abandoned. */
  dispose(): void {
    this.ackSubscription?.unsubscribe();
    this.ackSubscription = null;
    this.acks.complete();
  }

  fail(error: CouplingError): void {
    if (this.failed) return;
    this.failed = true;
    this.dispose();
    this.onFail(error);
  }

  /** Opens the stream: the beginning message (resent until acknowledged, as items are) before the first item at `first`; returns the step before it (`lastEnd`). */
  private begin(first: number): number {
    this.lastEnd = first - 1;
    this.subscribeAcks();
    const bytes = this.framing.begin(first);
    this.unacked.push({ end: first - 1, bytes });
    this.bus.publish(this.subjects.data, bytes);
    this.lastSent = performance.now();
    return first - 1;
  }

  private subscribeAcks(): void {
    if (this.ackSubscription !== null) return;
    this.ackSubscription = this.bus.subscribe(this.subjects.ack, (bytes) => {
      const ack = decodeAck(bytes);
      if (ack !== null) this.onAck(ack);
    });
  }

  private onAck(ack: Ack): void {
    if (this.failed) return;
    const now = performance.now();
    if (ack.kind === "closed") {
      if (this.finalEnd === null || this.closeAcked) return;
      this.closeAcked = true;
      this.unacked.length = 0;
      this.unconsumed.length = 0;
      this.lastProgress = now;
      this.dispose();
      return;
    }
    let progressed = false;
    if (ack.delivered > this.delivered) {
      this.delivered = ack.delivered;
      while ((this.unacked[0]?.end ?? Infinity) <= ack.delivered) this.unacked.shift();
      progressed = true;
    }
    if (ack.consumed > this.consumedThrough) {
      this.consumedThrough = ack.consumed;
      while ((this.unconsumed[0] ?? Infinity) <= ack.consumed) this.unconsumed.shift();
      progressed = true;
    }
    // Any acknowledgement shows the receiver alive; a gap it cannot fill is its to report.
    this.lastProgress = now;
    for (let next = this.waiting[0]; next !== undefined && this.unconsumed.length < this.capacity; next = this.waiting[0]) {
      this.waiting.shift();
      this.publish(next);
    }
    if (ack.kind === "resend") this.resend();
    if (progressed) this.acks.next(this.consumedThrough);
  }

  private publish(message: Unacked): void {
    this.unacked.push(message);
    this.unconsumed.push(message.end);
    this.bus.publish(this.subjects.data, message.bytes);
    this.lastSent = performance.now();
    if (this.finalEnd !== null && this.waiting.length === 0) this.publishEnd();
  }

  private publishEnd(): void {
    if (this.finalEnd === null)
      throw new CouplingError(`${this.edge}: the end of the stream was sent before it was known (a bug in the NATS link)`, { label: this.edge });
    this.bus.publish(this.subjects.data, this.framing.end(this.finalEnd));
    this.lastSent = performance.now();
  }
}
