import { CouplingError } from "@plexus/core";
import { Observable, type Subscriber } from "rxjs";
import type { Link, Transport } from "../Transport.js";
import type { Window } from "../Window.js";
import { RingReader, RingWriter } from "./SharedRing.js";

/** Most milliseconds a host reads its rings in one go before it lets the thread's event loop run (timers, commands). */
const DRAIN_BUDGET_MS = 5;

/**
 * The transport between threads through shared memory: each link is a ring of window frames in a
 * SharedArrayBuffer (see SharedRing.ts), given by name (the coordinator makes the rings and hands
 * each host those of its links). The sender copies a window's values into the ring and notifies
 * the receiver, which copies them out: no message crosses the threads' event loops, and a
 * receiver reads the windows that arrived while it was running without waiting for a turn of its
 * event loop (it is woken with Atomics.waitAsync only when its ring is empty). A window the ring
 * has no room for waits at the sender, in order (the credit bound keeps that from happening with
 * rings sized by `createRing`); `close` writes an end mark.
 */
export class RingTransport implements Transport {
  readonly name = "worker threads (shared-memory rings)";
  private closed = false;

  constructor(private readonly rings: ReadonlyMap<string, SharedArrayBuffer>) {}

  open(edge: string): Link {
    const ring = this.rings.get(edge);
    if (ring === undefined) throw new CouplingError(`${edge}: this host was given no ring for it (a bug in the coupler's placement)`, { label: edge });
    const sender = new RingSender(new RingWriter(edge, ring), () => this.closed);
    return {
      send: (w) => sender.send(w),
      windows: new Observable<Window>((subscriber) => {
        const drain = new RingDrain(new RingReader(edge, ring), subscriber, this);
        drain.run();
        return () => drain.stop();
      }),
      close: () => sender.send(null),
    };
  }

  /** Whether the host is done with its links (receivers stop, senders drop what still waits for room). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops every receiver and any sender still waiting for room (the host is done with its links). */
  close(): void {
    this.closed = true;
  }
}

/** The sending end of a ring link: writes in order, queuing what the ring has no room for until the receiver reads. */
class RingSender {
  private readonly queue: (Window | null)[] = [];
  private waiting = false;
  private failure: unknown;

  constructor(
    private readonly writer: RingWriter,
    private readonly closed: () => boolean,
  ) {}

  /** Sends a window, or the end mark (null). @throws CouplingError when an earlier window could not be written */
  send(w: Window | null): void {
    if (this.failure !== undefined) throw this.failure;
    this.queue.push(w);
    if (!this.waiting) this.flush();
  }

  private flush(): void {
    this.waiting = false;
    if (this.closed()) return;
    try {
      while (this.queue.length > 0) {
        const seen = this.writer.readCount;
        if (!this.writer.tryWrite(this.queue[0] ?? null)) {
          this.waiting = true;
          this.writer.whenRead(seen, () => this.flush());
          return;
        }
        this.queue.shift();
      }
    } catch (error) {
      this.failure = error;
      this.queue.length = 0;
    }
  }
}

/** The receiving end of a ring link: drains the ring into its subscriber, then waits (asynchronously) for the next write. */
class RingDrain {
  private active = true;
  private armed = false;

  constructor(
    private readonly reader: RingReader,
    private readonly subscriber: Subscriber<Window>,
    private readonly transport: RingTransport,
  ) {}

  stop(): void {
    this.active = false;
  }

  /** Reads every frame there is; keeps reading what arrives meanwhile for up to DRAIN_BUDGET_MS; then waits. */
  run(): void {
    const started = performance.now();
    for (;;) {
      if (!this.active || this.transport.isClosed) return;
      let seen: number;
      try {
        seen = this.readAll();
      } catch (error) {
        this.active = false;
        this.subscriber.error(error);
        return;
      }
      if (!this.active) return;
      if (this.reader.writeCount === seen) {
        this.arm(seen);
        return;
      }
      if (performance.now() - started > DRAIN_BUDGET_MS) {
        setImmediate(() => this.run());
        return;
      }
    }
  }

  /** Runs {@link run} when the producer writes past `seen` (one notification armed at a time). */
  private arm(seen: number): void {
    if (this.armed) return;
    this.armed = true;
    this.reader.whenWritten(seen, () => {
      this.armed = false;
      this.run();
    });
  }

  /** Emits every frame in the ring; returns the write count it drained to. */
  private readAll(): number {
    for (;;) {
      const seen = this.reader.writeCount;
      const frame = this.reader.read();
      if (frame === undefined) return seen;
      if (frame === null) {
        this.active = false;
        this.subscriber.complete();
        return seen;
      }
      this.subscriber.next(frame);
      if (!this.active) return seen;
    }
  }
}
