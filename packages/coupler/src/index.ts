// @plexus/coupler: subsystems coupled through their ports, run as windows over RxJS, or composed.

export { subsystem, Subsystem } from "./Subsystem.js";
export type { SubsystemOf, SubsystemOptions, SubsystemInPorts, SubsystemOutPorts, SubsystemSource, TrainedSubsystemOptions } from "./Subsystem.js";
export { SubsystemInPort } from "./SubsystemInPort.js";
export { SubsystemOutPort } from "./SubsystemOutPort.js";
export { portLatencies } from "./portLatencies.js";
export type { PortLatencies } from "./portLatencies.js";
export { couple } from "./couple.js";
export { CoupledSystem } from "./CoupledSystem.js";
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
export { CouplingResult } from "./CouplingResult.js";
export type { CoupledProbe } from "./CouplingResult.js";
export type { Composition } from "./Composition.js";
export type { OutputWindow } from "./OutputWindow.js";
export type { RunStats, EdgeStats, HostStats, UnitStats } from "./RunStats.js";
export { Window } from "./Window.js";
export type { WindowObject } from "./Window.js";
export type { Transport, Link } from "./Transport.js";
export { InProcessTransport } from "./InProcessTransport.js";
export type { InProcessTransportOptions } from "./InProcessTransport.js";
export { averageRate, delaySteps, holdRate, holdUpsample } from "./operators/index.js";

// --- placement: units on worker threads or other hosts (see remote/protocol.ts)
export type { Placement } from "./remote/placement.js";
export { workerThreads } from "./remote/workerThreads.js";
export type { HostConnector, LinkEnds, RemoteHost } from "./remote/HostConnector.js";
export { UnitHost } from "./remote/UnitHost.js";
export type { HostedUnit } from "./remote/UnitHost.js";
export { specEngine } from "./remote/specEngine.js";
export { encodeHostMessage, decodeHostMessage } from "./remote/codec.js";
export { HOST_PROTOCOL_VERSION, creditLinkName } from "./remote/protocol.js";
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
