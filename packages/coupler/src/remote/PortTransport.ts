import type { MessagePort } from "node:worker_threads";
import { CouplingError } from "@plexus/core";
import { Observable } from "rxjs";
import type { Link, Transport } from "../Transport.js";
import { Window } from "../Window.js";

/**
 * The transport between threads: each link is one end of a MessageChannel, given by name (the
 * coordinator makes the channels and hands each host its ends). A window crosses as its bytes
 * (`Window.toBytes()`), the buffer transferred, not copied; `close` sends an end mark.
 */
export class PortTransport implements Transport {
  readonly name = "worker threads";

  constructor(private readonly ports: ReadonlyMap<string, MessagePort>) {}

  open(edge: string): Link {
    const port = this.ports.get(edge);
    if (port === undefined) throw new CouplingError(`${edge}: this host was given no channel for it (a bug in the coupler's placement)`, { label: edge });
    return {
      send: (w) => {
        const bytes = w.toBytes();
        port.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
      },
      windows: new Observable<Window>((subscriber) => {
        const onMessage = (data: Uint8Array | null): void => {
          if (data === null) {
            subscriber.complete();
            return;
          }
          try {
            subscriber.next(Window.fromBytes(data));
          } catch (error) {
            subscriber.error(error);
          }
        };
        port.on("message", onMessage);
        return () => {
          port.off("message", onMessage);
        };
      }),
      close: () => port.postMessage(null),
    };
  }

  /** Closes every channel end (the host is done with them). */
  close(): void {
    for (const p of this.ports.values()) p.close();
  }
}
