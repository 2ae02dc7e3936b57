// A worker-thread connector for fault tests: the host named `victim` is terminated (as a dying
// thread is) once it has sent probe data through base step `atStep`, on its first `times` starts.
import type { HostConnector, RemoteHost } from "../../src/remote/HostConnector.js";
import { type WorkerLinkEnd, workerThreads } from "../../src/remote/workerThreads.js";
import { Window } from "../../src/Window.js";

export function killingWorkers(
  victim: string,
  atStep: number,
  times = 1,
  base: HostConnector<WorkerLinkEnd> = workerThreads,
): HostConnector<WorkerLinkEnd> & { readonly kills: number[] } {
  const kills: number[] = [];
  return {
    ...base,
    kills,
    start(name, load, ends, onEvent, onExit): RemoteHost {
      let closed = false;
      const doom = name === victim && kills.length < times;
      const remote: RemoteHost = base.start(
        name,
        load,
        ends,
        (event) => {
          if (closed) return; // a dead thread says nothing more
          onEvent(event);
          if (!doom || closed || event.type !== "probes") return;
          const end = Math.max(...event.windows.map((b) => Window.fromBytes(b).end));
          if (end < atStep) return;
          closed = true;
          kills.push(end);
          remote.close(); // terminates the thread
          setImmediate(() => onExit(new Error(`terminated by the test after step ${end}`)));
        },
        (error) => {
          if (!closed) onExit(error);
        },
      );
      return {
        send: (command) => remote.send(command),
        close: () => {
          closed = true;
          remote.close();
        },
      };
    },
  };
}

/** A connector whose hosts never answer (a worker that hangs). */
export const silentWorkers: HostConnector<WorkerLinkEnd> = {
  ...workerThreads,
  start(): RemoteHost {
    return { send: () => undefined, close: () => undefined };
  },
};
