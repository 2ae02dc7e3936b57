// The browser's stand-in for workerThreads.ts (the package.json `browser` field swaps it in):
// bundles for the browser carry no `node:worker_threads`; units placed in the coordinator run as in
// Node, and placing one on a worker thread fails with a CouplingError naming the fix.

import { CouplingError } from "@plexus/core";
import type { HostConnector } from "./HostConnector.js";
import type { WorkerLinkEnd, WorkerThreadOptions } from "./workerThreads.js";

export type { WorkerLinkEnd, WorkerThreadOptions } from "./workerThreads.js";

/** The error every use of worker-thread hosts gets in the browser. */
function unavailable(name: string): CouplingError {
  return new CouplingError(
    `${name}: worker threads are not available in the browser build of @plexus/coupler; place every unit in the coordinator (no placement option) or pass \`hosts\` with a connector of your own`,
    { label: name },
  );
}

/**
 * No worker-thread hosts in the browser: every method throws a CouplingError (place every unit in
 * the coordinator, or pass `hosts` with a Web Worker connector of your own).
 */
export function workerThreadHosts(_options: WorkerThreadOptions = {}): HostConnector<WorkerLinkEnd> {
  return workerThreads;
}

/** As {@link workerThreadHosts}: no worker-thread hosts in the browser. */
export const workerThreads: HostConnector<WorkerLinkEnd> = {
  kind: "worker thread",
  channel(name) {
    throw unavailable(name);
  },
  localTransport() {
    throw unavailable("coordinator");
  },
  start(name) {
    throw unavailable(name);
  },
};
