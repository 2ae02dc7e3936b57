// @plexus/coupler/nats: windows over a NATS broker, and a nats-server child process to run one.
// A subpath of its own so that in-process users of the coupler never load the NATS client or
// node:child_process.

export type { Bus } from "./Bus.js";
export type { NatsConnectOptions } from "./connectNats.js";
export { NatsChannel } from "./NatsChannel.js";
export type { NatsHostsOptions } from "./NatsHostConnector.js";
export { NatsHostConnector, natsHosts } from "./NatsHostConnector.js";
export { NatsLink } from "./NatsLink.js";
export type { NatsServerOptions } from "./NatsServer.js";
export { NatsServer, startNatsServer } from "./NatsServer.js";
export type { NatsTransportOptions } from "./NatsTransport.js";
export { NatsTransport } from "./NatsTransport.js";
export type { NatsWorker } from "./NatsWorker.js";
export type { RunNatsWorkerOptions } from "./runNatsWorker.js";
export { runNatsWorker } from "./runNatsWorker.js";
export type { WorkerProcess } from "./workerProcess.js";
