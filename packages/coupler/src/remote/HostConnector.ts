import type { Transport } from "../Transport.js";
import type { HostCommand, HostEvent } from "./protocol.js";

/** A host the coordinator reaches: it takes commands; its events come through the `onEvent` given when it was started. */
export interface RemoteHost {
  /** Sends a command (`load` is sent by the connector itself when it starts the host). */
  send(command: HostCommand): void;
  /** Ends the host (terminate the thread, or tell the process to drop the run). */
  close(): void;
}

/** The ends of the links a host needs, by link name (an edge's name, or its credit link's). */
export type LinkEnds<End> = Map<string, End>;

/**
 * How a coordinator reaches hosts of one kind (worker threads, NATS processes): it makes the
 * channel of each link that crosses hosts (`End` is what a host needs to open its side: a
 * MessagePort, a subject name), gives the coordinator's own units a Transport over their ends,
 * and starts (or finds) a host for the units placed on it and sends it `load`.
 *
 * To plug in another kind of host, implement this and pass it as `run({ hosts })`; a host is a
 * {@link UnitHost} on the other side, fed the commands and answering the events of the protocol.
 */
export interface HostConnector<End = unknown> {
  /** How messages name the hosts (`worker thread`, `NATS worker`). */
  readonly kind: string;
  /** The two ends of a new link named `name`: the sender's and the receiver's. */
  channel(name: string): { readonly sender: End; readonly receiver: End };
  /** A transport for units running in the coordinator's thread, over their ends. */
  localTransport(ends: LinkEnds<End>): Transport & { close(): void };
  /**
   * Starts (or reaches) the host `name` (`worker#3`, `worker:NAME`), sends it `load` with the
   * ends of its links, and reports its events; `onExit` when it dies or cannot be reached.
   */
  start(
    name: string,
    load: Extract<HostCommand, { type: "load" }>,
    ends: LinkEnds<End>,
    onEvent: (event: HostEvent) => void,
    onExit: (error: Error) => void,
  ): RemoteHost;
}
