import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { CouplingError } from "@plexus/core";
import { kindOf } from "@plexus/core/runtime";
import type { HostConnector, LinkEnds, RemoteHost } from "./HostConnector.js";
import { PortTransport } from "./PortTransport.js";
import type { HostEvent } from "./protocol.js";
import { RingTransport } from "./RingTransport.js";
import { createRing } from "./SharedRing.js";
import { workerEntry } from "./workerEntry.js";
import type { WorkerMessage } from "./workerHost.js";

/** Options of {@link workerThreadHosts}. */
export interface WorkerThreadOptions {
  /**
   * How windows cross between threads: `"rings"` (the default) through a ring of frames in a
   * SharedArrayBuffer per link direction, the receiver notified with `Atomics`; `"messages"` as
   * `Window.toBytes()` buffers transferred over a MessageChannel per link direction. The results
   * are the same bits either way; rings cost less per window (see `npm run bench`).
   */
  readonly windows?: "rings" | "messages";
}

/** One end of a link between worker threads: a MessagePort (`windows: "messages"`) or the ring both ends share (`"rings"`). */
export type WorkerLinkEnd = MessagePort | SharedArrayBuffer;

/**
 * Hosts on worker threads of this process, for `run({ placement, hosts })`: each host a
 * `worker_threads` Worker running `workerHost`, each link direction a shared-memory ring or a
 * MessageChannel (see {@link WorkerThreadOptions.windows}) between the two hosts, peer to peer.
 */
export function workerThreadHosts(options: WorkerThreadOptions = {}): HostConnector<WorkerLinkEnd> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new CouplingError(`workerThreadHosts.options: must be an options object, e.g. {} for the defaults (got ${kindOf(options)})`);
  }
  const windows = options.windows ?? "rings";
  if (windows !== "rings" && windows !== "messages") {
    throw new CouplingError(
      `workerThreadHosts.windows: must be "rings" or "messages" (got ${kindOf(windows)}${typeof windows === "string" ? ` "${windows}"` : ""})`,
    );
  }
  return {
    kind: "worker thread",
    channel(_name, size) {
      if (windows === "rings") {
        const ring = createRing(size);
        return { sender: ring, receiver: ring };
      }
      const { port1, port2 } = new MessageChannel();
      return { sender: port1, receiver: port2 };
    },
    localTransport(ends) {
      return windows === "rings" ? new RingTransport(endsOf(ends, isRing)) : new PortTransport(endsOf(ends, isPort));
    },
    start(_name, load, ends, onEvent, onExit): RemoteHost {
      const worker = new Worker(workerEntry());
      let closed = false;
      worker.on("message", (event: HostEvent) => onEvent(event));
      worker.on("error", (error) => onExit(error));
      worker.on("exit", (code) => {
        if (!closed) onExit(new Error(`exited (code ${code}) before the run ended`));
      });
      if (windows === "rings") worker.postMessage({ command: load, rings: endsOf(ends, isRing) } satisfies WorkerMessage);
      else {
        const ports = endsOf(ends, isPort);
        worker.postMessage({ command: load, ports } satisfies WorkerMessage, [...ports.values()]);
      }
      return {
        send: (command) => worker.postMessage({ command } satisfies WorkerMessage),
        close: () => {
          closed = true;
          void worker.terminate();
        },
      };
    },
  };
}

/** Worker-thread hosts with the default options: windows cross through shared-memory rings. */
export const workerThreads: HostConnector<WorkerLinkEnd> = workerThreadHosts();

const isRing = (end: WorkerLinkEnd): end is SharedArrayBuffer => end instanceof SharedArrayBuffer;
const isPort = (end: WorkerLinkEnd): end is MessagePort => !(end instanceof SharedArrayBuffer);

/** The ends, each checked to be of the kind the connector made. */
function endsOf<E extends WorkerLinkEnd>(ends: LinkEnds<WorkerLinkEnd>, is: (end: WorkerLinkEnd) => end is E): Map<string, E> {
  const out = new Map<string, E>();
  for (const [name, end] of ends) if (is(end)) out.set(name, end);
  return out;
}
