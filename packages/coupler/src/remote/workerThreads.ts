import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import type { HostConnector, RemoteHost } from "./HostConnector.js";
import { PortTransport } from "./PortTransport.js";
import type { HostEvent } from "./protocol.js";
import { workerEntry } from "./workerEntry.js";
import type { WorkerMessage } from "./workerHost.js";

/**
 * Hosts on worker threads of this process: each host a `worker_threads` Worker running
 * `workerHost`, each link a MessageChannel whose ends are transferred to the two hosts (windows
 * cross as transferred buffers, peer to peer).
 */
export const workerThreads: HostConnector<MessagePort> = {
  kind: "worker thread",
  channel() {
    const { port1, port2 } = new MessageChannel();
    return { sender: port1, receiver: port2 };
  },
  localTransport(ends) {
    return new PortTransport(ends);
  },
  start(_name, load, ends, onEvent, onExit): RemoteHost {
    const worker = new Worker(workerEntry());
    let closed = false;
    worker.on("message", (event: HostEvent) => onEvent(event));
    worker.on("error", (error) => onExit(error));
    worker.on("exit", (code) => {
      if (!closed) onExit(new Error(`exited (code ${code}) before the run ended`));
    });
    const message: WorkerMessage = { command: load, ports: ends };
    worker.postMessage(message, [...ends.values()]);
    return {
      send: (command) => worker.postMessage({ command } satisfies WorkerMessage),
      close: () => {
        closed = true;
        void worker.terminate();
      },
    };
  },
};
