// @plexus/coupler: subsystems coupled through their ports, run as windows over RxJS, or composed.

export type { Composition } from "./Composition.js";
export type {
  CoupleOptions,
  InPortRef,
  InputOptions,
  InputSource,
  OutPortRef,
  RatePolicy,
  RunLength,
  RunOptions,
  SubsystemsOf,
  SystemProbeOptions,
  TransformMatrix,
  WireOptions,
} from "./CoupledSystem.js";
export { CoupledSystem } from "./CoupledSystem.js";
export type { CoupledProbe } from "./CouplingResult.js";
export { CouplingResult } from "./CouplingResult.js";
export { couple } from "./couple.js";
export type { InProcessTransportOptions } from "./InProcessTransport.js";
export { InProcessTransport } from "./InProcessTransport.js";
export type { OutputWindow } from "./OutputWindow.js";
export { averageRate, delaySteps, holdRate, holdUpsample } from "./operators/index.js";
export type { PortLatencies } from "./portLatencies.js";
export { RunInterruptedError } from "./RunInterruptedError.js";
export type { EdgeStats, HostStats, RunStats, UnitStats } from "./RunStats.js";
export { decodeHostMessage, encodeHostMessage } from "./remote/codec.js";
export type { HostConnector, LinkEnds, LinkSize, RemoteHost } from "./remote/HostConnector.js";
// --- placement: units on worker threads or other hosts (see remote/protocol.ts)
export type { Placement } from "./remote/placement.js";
export type {
  EdgeShape,
  HostCommand,
  HostEvent,
  HostRunParams,
  HostSnapshot,
  HostUnitStats,
  InEdgeSpec,
  OutEdgeSpec,
  PortPath,
  UnitProbeSpec,
  UnitShape,
  UnitSnapshot,
  UnitSpec,
} from "./remote/protocol.js";
export { creditLinkName, HOST_PROTOCOL_VERSION } from "./remote/protocol.js";
export { specEngine } from "./remote/specEngine.js";
export type { HostedUnit } from "./remote/UnitHost.js";
export { UnitHost } from "./remote/UnitHost.js";
export type { WorkerLinkEnd, WorkerThreadOptions } from "./remote/workerThreads.js";
export { workerThreadHosts } from "./remote/workerThreads.js";
export type { SubsystemInPorts, SubsystemOf, SubsystemOptions, SubsystemOutPorts, SubsystemSource, TrainedSubsystemOptions } from "./Subsystem.js";
export { Subsystem, subsystem } from "./Subsystem.js";
export { SubsystemInPort } from "./SubsystemInPort.js";
export { SubsystemOutPort } from "./SubsystemOutPort.js";
export type { SnapshotInfo } from "./snapshotInfo.js";
export { snapshotInfo } from "./snapshotInfo.js";
export type { Link, Transport } from "./Transport.js";
export type { WindowObject } from "./Window.js";
export { Window } from "./Window.js";
