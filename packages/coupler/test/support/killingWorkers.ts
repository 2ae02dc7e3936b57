// A worker-thread connector for fault tests: the host named `victim` is terminated (as a dying
// thread is) once it has sent probe data through base step `atStep`, on its first `times` starts.
import { type MessagePort, Worker } from "node:worker_threads";
import type { HostConnector, RemoteHost } from "../../src/remote/HostConnector.js";
import type { HostEvent } from "../../src/remote/protocol.js";
import { workerEntry } from "../../src/remote/workerEntry.js";
import type { WorkerMessage } from "../../src/remote/workerHost.js";
import { workerThreads } from "../../src/remote/workerThreads.js";
import { Window } from "../../src/Window.js";

export function killingWorkers(victim: string, atStep: number, times = 1): HostConnector<MessagePort> & { readonly kills: number[] } {
  const kills: number[] = [];
  return {
    ...workerThreads,
    kills,
    start(name, load, ends, onEvent, onExit): RemoteHost {
      const worker = new Worker(workerEntry());
      let closed = false;
      const doom = name === victim && kills.length < times;
      worker.on("message", (event: HostEvent) => {
        if (closed) return; // a dead thread says nothing more
        onEvent(event);
        if (!doom || closed || event.type !== "probes") return;
        const end = Math.max(...event.windows.map((b) => Window.fromBytes(b).end));
        if (end < atStep) return;
        closed = true;
        kills.push(end);
        void worker.terminate().then(() => onExit(new Error(`terminated by the test after step ${end}`)));
      });
      worker.on("error", (error) => onExit(error));
      worker.on("exit", (code) => {
        if (!closed) onExit(new Error(`exited (code ${code}) before the run ended`));
      });
      worker.postMessage({ command: load, ports: ends } satisfies WorkerMessage, [...ends.values()]);
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

/** A connector whose hosts never answer (a worker that hangs). */
export const silentWorkers: HostConnector<MessagePort> = {
  ...workerThreads,
  start(): RemoteHost {
    return { send: () => undefined, close: () => undefined };
  },
};
