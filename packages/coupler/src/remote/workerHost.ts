// The worker-thread host: the file a coordinator starts as a `worker_threads` Worker. It answers
// the protocol's commands (posted with the MessagePorts of its links) with events.

import { readFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { type MessagePort, parentPort } from "node:worker_threads";
import { CouplingError } from "@plexus/core";
import { hostSession } from "./hostSession.js";
import { PortTransport } from "./PortTransport.js";
import type { HostCommand } from "./protocol.js";
import { RingTransport } from "./RingTransport.js";

/** What a coordinator posts to a worker host: a command, and with `load` the ends of its links by name (MessagePorts, or shared-memory rings). */
export interface WorkerMessage {
  readonly command: HostCommand;
  readonly ports?: ReadonlyMap<string, MessagePort>;
  readonly rings?: ReadonlyMap<string, SharedArrayBuffer>;
}

const port = parentPort;
if (port === null) throw new CouplingError("workerHost: start this file as a worker_threads Worker");
let transport: PortTransport | RingTransport | undefined;
const session = hostSession({
  name: "workerHost",
  emit: (event) => port.postMessage(event),
  memory: threadMemory,
  cpu: threadCpuSeconds,
  closed: () => {
    transport?.close();
    port.close();
  },
});

port.on("message", ({ command, ports, rings }: WorkerMessage) => {
  session.handle(command, () => {
    transport = rings !== undefined ? new RingTransport(rings) : new PortTransport(ports ?? new Map());
    return transport;
  });
});

/** This thread's memory: its V8 heap and the buffers outside it (typed arrays, WebAssembly memories). */
function threadMemory(): number {
  const h = getHeapStatistics();
  return h.total_heap_size + h.external_memory;
}

/**
 * This thread's CPU time (s): the first field of Linux's `/proc/thread-self/schedstat` (nanoseconds
 * on a CPU); NaN elsewhere (Node 20 has no per-thread CPU clock, and `process.cpuUsage()` in a
 * worker counts every thread of the process).
 */
function threadCpuSeconds(): number {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "latin1").split(" ")[0]) / 1e9;
  } catch {
    return NaN;
  }
}
