import { processCpuSeconds } from "../../internal/runtime/cpuSeconds.js";
import { hostSession } from "../../remote/hostSession.js";
import type { HostCommand, HostEvent } from "../../remote/protocol.js";
import type { HostFactory } from "./NatsWorker.js";

/**
 * The host a NATS worker runs for each claim: the protocol's commands (hostSession) on a UnitHost whose
 * edges are the run's NATS links; every failure becomes a `failed` event.
 */
export const unitHostSession: HostFactory<HostCommand, HostEvent> = (transport, emit, ended) => {
  const session = hostSession({ name: "NATS worker", emit, memory: processMemory, cpu: processCpuSeconds, closed: ended });
  return {
    handle: (command) => session.handle(command, () => transport),
    close: () => session.close(),
  };
};

/** The worker process's peak resident memory (bytes): all of it is this worker's. */
function processMemory(): number {
  return process.resourceUsage().maxRSS * 1024;
}
