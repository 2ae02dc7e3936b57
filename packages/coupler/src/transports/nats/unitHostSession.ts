import { CouplingError } from "@plexus/core";
import { HOST_PROTOCOL_VERSION, type HostCommand, type HostEvent } from "../../remote/protocol.js";
import { specEngine } from "../../remote/specEngine.js";
import { UnitHost } from "../../remote/UnitHost.js";
import type { HostFactory } from "./NatsWorker.js";

/**
 * The host a NATS worker runs for each claim: the protocol's commands on a {@link UnitHost} whose
 * edges are the run's NATS links; every failure becomes a `failed` event.
 */
export const unitHostSession: HostFactory<HostCommand, HostEvent> = (transport, emit, ended) => {
  let host: UnitHost | undefined;
  const handle = (command: HostCommand): void => {
    switch (command.type) {
      case "load": {
        if (command.version !== HOST_PROTOCOL_VERSION)
          throw new CouplingError(`NATS worker: host protocol version ${command.version}, this worker speaks ${HOST_PROTOCOL_VERSION}`);
        const start = performance.now();
        host = new UnitHost(transport, emit, command.params, undefined, processMemory);
        host.load(
          command.units.map((spec) => ({ spec, engine: specEngine(spec) })),
          command.from,
        );
        emit({ type: "loaded", units: command.units.map((u) => u.id), buildSeconds: (performance.now() - start) / 1000 });
        return;
      }
      case "run":
        if (host === undefined) throw new CouplingError("NATS worker: run before load");
        host.run(command.until);
        return;
      case "close":
        host?.close();
        host = undefined;
        emit({ type: "closed" });
        ended();
        return;
      case "snapshot":
        if (host === undefined) throw new CouplingError("NATS worker: snapshot before load");
        emit({ type: "snapshot", snapshot: host.snapshot() });
        return;
    }
  };
  return {
    handle(command) {
      try {
        handle(command);
      } catch (error) {
        emit({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    },
    close() {
      host?.close();
      host = undefined;
    },
  };
};

/** The worker process's peak resident memory (bytes): all of it is this worker's. */
function processMemory(): number {
  return process.resourceUsage().maxRSS * 1024;
}
