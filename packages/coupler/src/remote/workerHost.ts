// The worker-thread host: the file a coordinator starts as a `worker_threads` Worker. It answers
// the protocol's commands (posted with the MessagePorts of its links) with events.

import { getHeapStatistics } from "node:v8";
import { type MessagePort, parentPort } from "node:worker_threads";
import { CouplingError } from "@plexus/core";
import { PortTransport } from "./PortTransport.js";
import { HOST_PROTOCOL_VERSION, type HostCommand, type HostEvent } from "./protocol.js";
import { specEngine } from "./specEngine.js";
import { UnitHost } from "./UnitHost.js";

/** What a coordinator posts to a worker host: a command, and with `load` the ends of its links by name. */
export interface WorkerMessage {
  readonly command: HostCommand;
  readonly ports?: ReadonlyMap<string, MessagePort>;
}

const port = parentPort;
if (port === null) throw new CouplingError("workerHost: start this file as a worker_threads Worker");
let host: UnitHost | undefined;
let transport: PortTransport | undefined;
const emit = (event: HostEvent): void => port.postMessage(event);

port.on("message", (message: WorkerMessage) => {
  try {
    handle(message);
  } catch (error) {
    emit({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
});

function handle({ command, ports }: WorkerMessage): void {
  switch (command.type) {
    case "load": {
      if (command.version !== HOST_PROTOCOL_VERSION)
        throw new CouplingError(`workerHost: protocol version ${command.version}, expected ${HOST_PROTOCOL_VERSION}`);
      const start = performance.now();
      transport = new PortTransport(ports ?? new Map());
      host = new UnitHost(transport, emit, command.params, undefined, threadMemory);
      host.load(
        command.units.map((spec) => ({ spec, engine: specEngine(spec) })),
        command.from,
      );
      emit({ type: "loaded", units: command.units.map((u) => u.id), buildSeconds: (performance.now() - start) / 1000 });
      return;
    }
    case "run":
      if (host === undefined) throw new CouplingError("workerHost: run before load");
      host.run(command.until);
      return;
    case "close":
      host?.close();
      transport?.close();
      emit({ type: "closed" });
      port!.close();
      return;
    case "snapshot":
      if (host === undefined) throw new CouplingError("workerHost: snapshot before load");
      emit({ type: "snapshot", snapshot: host.snapshot() });
      return;
  }
}

/** This thread's memory: its V8 heap and the buffers outside it (typed arrays, WebAssembly memories). */
function threadMemory(): number {
  const h = getHeapStatistics();
  return h.total_heap_size + h.external_memory;
}
