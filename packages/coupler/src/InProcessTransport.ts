import { CouplingError } from "@plexus/core";
import { kindOf } from "@plexus/core/runtime";
import { Observable, type SchedulerLike, Subject } from "rxjs";
import type { Link, Transport } from "./Transport.js";
import { Window } from "./Window.js";

export interface InProcessTransportOptions {
  /**
   * Send each window through its serialised form and back, as a transport to another thread or
   * process would: `"none"` passes the window itself (default), `"object"` goes through
   * {@link Window.toObject}, `"bytes"` through {@link Window.toBytes}.
   */
  readonly serialize?: "none" | "object" | "bytes";
  /** Deliver on this scheduler instead of synchronously within `send` (order is kept). */
  readonly scheduler?: SchedulerLike;
}

/** The transport within one thread: a Subject per link, optionally through serialisation. */
export class InProcessTransport implements Transport {
  readonly name: string;
  readonly serialize: "none" | "object" | "bytes";
  private readonly scheduler: SchedulerLike | undefined;

  constructor(options: InProcessTransportOptions = {}) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      throw new CouplingError(`InProcessTransport.options: must be an options object, e.g. {} for the defaults (got ${kindOf(options)})`);
    }
    this.serialize = options.serialize ?? "none";
    if (!["none", "object", "bytes"].includes(this.serialize)) {
      throw new CouplingError(`InProcessTransport.serialize: must be "none", "object" or "bytes" (got ${String(this.serialize)})`);
    }
    const scheduler: unknown = options.scheduler;
    if (
      scheduler !== undefined &&
      (typeof scheduler !== "object" || scheduler === null || typeof (scheduler as { schedule?: unknown }).schedule !== "function")
    ) {
      throw new CouplingError(
        `InProcessTransport.scheduler: must be an RxJS scheduler, e.g. asapScheduler, or left out to deliver within send (got ${kindOf(scheduler)})`,
      );
    }
    this.scheduler = options.scheduler;
    this.name = this.serialize === "none" ? "in-process" : `in-process (${this.serialize})`;
  }

  open(_edge: string): Link {
    const subject = new Subject<Window>();
    const convert = this.convert();
    const scheduler = this.scheduler;
    if (scheduler === undefined) {
      return {
        send: (w) => subject.next(convert(w)),
        windows: subject.asObservable(),
        close: () => subject.complete(),
      };
    }
    // A FIFO of deliveries, each scheduled once: order is kept whatever the scheduler does.
    const queue: (Window | null)[] = [];
    const deliver = (): void => {
      const w = queue.shift();
      if (w === undefined) return;
      if (w === null) subject.complete();
      else subject.next(w);
    };
    return {
      send: (w) => {
        queue.push(convert(w));
        scheduler.schedule(deliver);
      },
      windows: new Observable<Window>((subscriber) => subject.subscribe(subscriber)),
      close: () => {
        queue.push(null);
        scheduler.schedule(deliver);
      },
    };
  }

  private convert(): (w: Window) => Window {
    switch (this.serialize) {
      case "none":
        return (w) => w;
      case "object":
        return (w) => Window.fromObject(structuredClone(w.toObject()));
      case "bytes":
        return (w) => Window.fromBytes(w.toBytes().slice());
    }
  }
}
