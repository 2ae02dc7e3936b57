// @plexus/coupler/nats: windows over a NATS broker, and a nats-server child process to run one.
// A subpath of its own so that in-process users of the coupler never load the NATS client or
// node:child_process.

export { NatsTransport, natsBus } from "./NatsTransport.js";
export type { NatsTransportOptions } from "./NatsTransport.js";
export { NatsLink } from "./NatsLink.js";
export type { Bus, Ack } from "./Bus.js";
export { connectNats } from "./connectNats.js";
export type { NatsConnectOptions } from "./connectNats.js";
export { NatsServer, startNatsServer, findNatsServer, freeLoopbackPort } from "./NatsServer.js";
export type { NatsServerOptions } from "./NatsServer.js";
export { newRunId } from "./subjects.js";
export { natsHosts, NatsHostConnector } from "./NatsHostConnector.js";
export type { NatsHostsOptions } from "./NatsHostConnector.js";
export { serveNatsWorker } from "./NatsWorker.js";
export type { HostFactory, HostSession, NatsWorker, NatsWorkerOptions, WorkerEnvelope } from "./NatsWorker.js";
export { unitHostSession } from "./unitHostSession.js";
export { runNatsWorker } from "./runNatsWorker.js";
export type { RunNatsWorkerOptions } from "./runNatsWorker.js";
export type { WorkerProcess } from "./workerProcess.js";
export { NatsChannel } from "./NatsChannel.js";
