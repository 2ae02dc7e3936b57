import type { EdgeShape } from "../internal/runtime/shapes.js";
import type { Transport } from "../Transport.js";
import type { HostCommand, HostEvent } from "./protocol.js";

/** A host the coordinator reaches: it takes commands; its events come through the `onEvent` given when it was started. */
export interface RemoteHost {
  /** Sends a command (`load` is sent by the connector itself when it starts the host). */
  send(command: HostCommand): void;
  /** Ends the host (terminate the thread, or tell the process to drop the run). */
  close(): void;
}

/**
 * What one link carries at most, for a connector that sizes its buffers (shared-memory rings):
 * values per step, the steps of the longest window, and the steps (the sender's) in flight at once
 * (the edge's credit bound).
 */
export interface LinkSize {
  readonly dims: number;
  readonly windowSteps: number;
  readonly boundSteps: number;
}

/** The size of the link carrying an edge's windows, whose sender runs windows of at most `maxWindowSteps`. */
export function dataLinkSize(shape: EdgeShape, maxWindowSteps: number): LinkSize {
  const bound = Math.ceil(shape.capacitySteps / shape.fromMultiple) + 1;
  return { dims: shape.dims, windowSteps: Math.min(bound, maxWindowSteps), boundSteps: bound };
}

/** The size of the link carrying an edge's credits back (zero-dimension windows, one per window the receiver ran). */
export function creditLinkSize(shape: EdgeShape): LinkSize {
  return { dims: 0, windowSteps: 1, boundSteps: shape.capacitySteps + 1 };
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
  /** The two ends of a new link named `name` that carries at most `size` (see {@link dataLinkSize}): the sender's and the receiver's. */
  channel(name: string, size: LinkSize): { readonly sender: End; readonly receiver: End };
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
