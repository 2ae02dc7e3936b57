import { CouplingError } from "@plexus/core";
import { Observable, type Subscriber } from "rxjs";
import { type Ack, type Bus, encodeAck } from "./Bus.js";
import type { LinkTiming } from "./EdgeSender.js";
import type { Frame, Framing } from "./Framing.js";
import type { EdgeSubjects } from "./subjects.js";

/**
 * The receiving side of one reliable stream over NATS: delivers each step (or numbered message)
 * exactly once and in order, by the stamps. A message already delivered (a resend after a
 * reconnect) is dropped; one past a gap is dropped too and the missing ones are asked for again; a
 * gap not filled within `timeoutMs` is a CouplingError. It acknowledges delivery (and, with
 * `ackOn: "consumption"`, consumption when told) on the stream's `ack` subject: every `ackEvery`
 * items, and otherwise a few milliseconds after the last (a delayed acknowledgement, as TCP's).
 *
 * Each message through the broker costs both ends a system call and the broker a wake-up: on a
 * 2-core machine, with windows of 5 steps of two 5000-neuron units, an acknowledgement per window
 * was a third of nats-server's CPU and ~70 µs of each unit's per window (`writeBuffer` in a CPU
 * profile). An acknowledgement also goes out in a microtask, after the work the delivery caused
 * (the receiving unit's next window, whose own message it joins in one write).
 */
export class EdgeReceiver<T> {
  /** The step the next window must start at (null until the stream's beginning arrives). */
  private next: number | null = null;
  private consumedThrough = -1;
  private done = false;
  private error: CouplingError | null = null;
  private gapSince: number | null = null;
  private gapUntil = 0;
  private lastAsked = 0;
  private lastAcked = 0;
  /** Items delivered (or consumption reports) since the last acknowledgement. */
  private unacknowledged = 0;
  private ackQueued = false;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private subscriber: Subscriber<T> | null = null;
  private subscription: { unsubscribe(): void } | null = null;
  /** Windows dropped because their steps were already delivered. */
  duplicates = 0;
  /** Windows dropped because they came after a gap (asked for again). */
  outOfOrder = 0;

  /** The windows as they arrive, each step once (one subscriber at a time). */
  readonly windows: Observable<T>;

  constructor(
    private readonly bus: Bus,
    private readonly subjects: EdgeSubjects,
    private readonly edge: string,
    private readonly framing: Framing<T>,
    private readonly ackOn: "delivery" | "consumption",
    private readonly timing: LinkTiming,
    /** Acknowledge at least every this many items (a sender keeps more than this many on the wire: a quarter of its capacity). */
    private readonly ackEvery = 1,
  ) {
    this.windows = new Observable<T>((subscriber) => {
      if (this.error !== null) {
        subscriber.error(this.error);
        return undefined;
      }
      if (this.subscriber !== null) {
        subscriber.error(new CouplingError(`${this.edge}: the link's windows have a receiver already`, { label: this.edge }));
        return undefined;
      }
      this.subscriber = subscriber;
      this.subscription = this.bus.subscribe(this.subjects.data, (bytes) => this.onData(bytes));
      // Tells a sender that published before this subscription existed to send again.
      this.ask(performance.now());
      return () => {
        // After the end of the stream the subscription stays (until dispose) to acknowledge the end again
        // should the sender have missed it.
        if (this.done) this.subscriber = null;
        else this.stop();
      };
    });
  }

  /** The receiving unit used its input through `step`: frees the sender's credit (`ackOn: "consumption"`). */
  consumed(step: number): void {
    if (this.next === null || step <= this.consumedThrough) return;
    this.consumedThrough = Math.min(step, this.next - 1);
    this.acknowledgeSoon();
  }

  /** Asks the sender again for everything after the last delivered step (after a reconnect). */
  resubscribed(): void {
    if (this.subscriber !== null && !this.done) this.ask(performance.now());
  }

  /**
   * Checks the clock: asks again for a gap every `retransmitMs`, fails when it lasts `timeoutMs`;
   * otherwise acknowledges again after `retransmitMs` of silence, so that a sender waiting for
   * credit knows this side is alive.
   */
  tick(now: number): void {
    if (this.subscriber === null || this.done) return;
    if (this.gapSince === null) {
      if (now - this.lastAcked > this.timing.retransmitMs) this.acknowledge("ack");
      return;
    }
    if (now - this.gapSince > this.timing.timeoutMs) {
      this.fail(
        new CouplingError(
          this.next === null
            ? `${this.edge}: the beginning of the stream never arrived over NATS although asked for again for ${this.timing.timeoutMs} ms (timeoutMs)`
            : `${this.edge}: steps ${this.next}..${this.gapUntil - 1} never arrived over NATS although asked for again for ${this.timing.timeoutMs} ms (a gap; timeoutMs)`,
          { label: this.edge },
        ),
      );
    } else if (now - this.lastAsked > this.timing.retransmitMs) this.ask(now);
  }

  fail(error: CouplingError): void {
    const s = this.subscriber;
    if (this.done) return;
    this.done = true;
    this.error = error;
    this.stop();
    s?.error(error);
  }

  /** Stops listening (the transport closes). */
  dispose(): void {
    this.stop();
  }

  private onData(bytes: Uint8Array): void {
    if (this.done) {
      this.acknowledge("closed"); // the sender missed our acknowledgement of the end
      return;
    }
    let w: Frame<T>;
    try {
      w = this.framing.decode(bytes);
    } catch (cause) {
      this.fail(
        new CouplingError(`${this.edge}: a message on the link's NATS subject is not one of its stream (${(cause as Error).message})`, {
          label: this.edge,
          cause,
        }),
      );
      return;
    }
    if (w.kind === "begin") {
      if (this.next === null) {
        this.next = w.end + 1;
        this.consumedThrough = Math.max(this.consumedThrough, w.end);
        this.gapSince = null;
      } else this.duplicates++;
      this.acknowledgeSoon();
      return;
    }
    const next = this.next;
    if (next === null || w.start > next) {
      this.missing(w.start);
      return;
    }
    if (w.kind === "item" && w.end < next) {
      this.duplicates++;
      this.acknowledgeSoon();
      return;
    }
    if (w.start < next) {
      if (w.kind === "end") return; // an end of stream seen already
      this.fail(
        new CouplingError(`${this.edge}: received steps ${w.start}..${w.end} overlapping steps delivered through ${next - 1} (the sender's windows changed)`, {
          label: this.edge,
        }),
      );
      return;
    }
    this.gapSince = null;
    const subscriber = this.subscriber;
    if (subscriber === null) {
      this.fail(new CouplingError(`${this.edge}: steps ${w.start}..${w.end} arrived with no receiver (a bug in the NATS link)`, { label: this.edge }));
      return;
    }
    if (w.kind === "end") {
      this.done = true;
      this.acknowledge("closed");
      subscriber.complete();
      return;
    }
    this.next = w.end + 1;
    subscriber.next(w.item);
    if (this.ackOn === "delivery") this.consumedThrough = w.end;
    this.acknowledgeSoon();
  }

  /** A message from `start` came before what precedes it: drop it, ask for everything again (once per gap, then every `retransmitMs`). */
  private missing(start: number): void {
    this.outOfOrder++;
    const now = performance.now();
    if (this.gapSince === null) {
      this.gapSince = now;
      this.gapUntil = start;
      this.ask(now);
    } else this.gapUntil = Math.min(this.gapUntil, start);
  }

  private ask(now: number): void {
    this.lastAsked = now;
    this.acknowledge("resend");
  }

  /**
   * Acknowledges the `ackEvery`-th item since the last acknowledgement in a microtask (after what
   * its delivery set off; items of one read share it), an earlier one after {@link ackDelayMs}.
   */
  private acknowledgeSoon(): void {
    this.unacknowledged++;
    if (this.unacknowledged >= this.ackEvery) {
      if (this.ackQueued) return;
      this.ackQueued = true;
      queueMicrotask(() => {
        this.ackQueued = false;
        if (this.unacknowledged > 0 && !this.done && this.subscriber !== null) this.acknowledge("ack");
      });
      return;
    }
    if (this.ackTimer !== null) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = null;
      if (this.unacknowledged > 0 && !this.done && this.subscriber !== null) this.acknowledge("ack");
    }, this.ackDelayMs);
    (this.ackTimer as { unref?: () => void }).unref?.();
  }

  /** How long an acknowledgement may wait for more items: a tenth of `retransmitMs`, at most 5 ms (well before the sender would send again). */
  private get ackDelayMs(): number {
    return Math.max(1, Math.min(5, this.timing.retransmitMs / 10));
  }

  private acknowledge(kind: Ack["kind"]): void {
    this.unacknowledged = 0;
    if (this.ackTimer !== null) {
      clearTimeout(this.ackTimer);
      this.ackTimer = null;
    }
    this.lastAcked = performance.now();
    this.bus.publish(this.subjects.ack, encodeAck({ delivered: this.next === null ? -1 : this.next - 1, consumed: this.consumedThrough, kind }));
  }

  private stop(): void {
    if (this.ackTimer !== null) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.subscriber = null;
  }
}
