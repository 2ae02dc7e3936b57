// @plexus/coupler/nats: windows over a NATS broker, and a nats-server child process to run one.
// A subpath of its own so that in-process users of the coupler never load the NATS client or
// node:child_process.

export type { Ack, Bus } from "./Bus.js";
export type { NatsConnectOptions } from "./connectNats.js";
export { connectNats } from "./connectNats.js";
export { NatsChannel } from "./NatsChannel.js";
export type { NatsHostsOptions } from "./NatsHostConnector.js";
export { NatsHostConnector, natsHosts } from "./NatsHostConnector.js";
export { NatsLink } from "./NatsLink.js";
export type { NatsServerOptions } from "./NatsServer.js";
export { findNatsServer, freeLoopbackPort, NatsServer, startNatsServer } from "./NatsServer.js";
export type { NatsTransportOptions } from "./NatsTransport.js";
export { NatsTransport, natsBus } from "./NatsTransport.js";
export type { HostFactory, HostSession, NatsWorker, NatsWorkerOptions, WorkerEnvelope } from "./NatsWorker.js";
export { serveNatsWorker } from "./NatsWorker.js";
export type { RunNatsWorkerOptions } from "./runNatsWorker.js";
export { runNatsWorker } from "./runNatsWorker.js";
export { newRunId } from "./subjects.js";
export { unitHostSession } from "./unitHostSession.js";
export type { WorkerProcess } from "./workerProcess.js";
