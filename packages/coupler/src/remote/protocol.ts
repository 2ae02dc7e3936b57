// The protocol between a coordinator (the process that calls `system.run`) and the hosts that run
// its units elsewhere: worker threads, other processes (NATS), other machines. A host runs unit
// actors whose edges are links of a Transport, peer to peer: windows go unit to unit, never
// through the coordinator. The coordinator sends commands; hosts answer with events.
//
// The flow of a run: the coordinator plans the units, describes each unit placed off "main" as a
// UnitSpec (describeUnit: refuses units with code, naming them), makes the two channels of every
// edge between hosts through its HostConnector (the edge's windows, sender -> receiver, named as
// the edge; its credits, receiver -> sender, named creditLinkName(edge): zero-dimension windows
// whose stamps are the base steps the receiver consumed, which bound how far the sender may run
// ahead), starts each host with `load` (the units and the ends of their links), waits for every
// `loaded`, then sends `run` with the run's length. Hosts send `probes` (batched window bytes),
// `heartbeat`s, and `done` once their units ran every step and every window sent to them arrived,
// or `failed`. The run ends when every host is done; a failure, an exit or silence longer than
// hostTimeoutMs ends it with a CouplingError naming the subsystems. With snapshots, the coordinator
// runs in segments (`run` to a boundary, `paused`, `snapshot`, `snapshot`, next `run`); after a host
// dies it loads every host again `from` the last snapshot and goes on (the same bits).
//
// A new kind of host (NATS processes) needs: a HostConnector (HostConnector.ts: `channel` names
// the two ends of a link, e.g. the subject `plexus.<run>.<edge>`; `localTransport` gives the
// coordinator's own units a Transport over their ends; `start` reaches a host and sends it `load`
// with its ends), and on the host side a UnitHost (UnitHost.ts) over a Transport whose
// `open(name)` gives the link of that name (messages are `Window.toBytes()`), with engines from
// `specEngine(spec)`, fed the commands and emitting the events (encodeHostMessage /
// decodeHostMessage turn them into bytes). workerThreads.ts and workerHost.ts are the worker
// thread pair; `run({ placement, hosts })` takes the connector.
import type { Json } from "@plexus/core";
import type { EdgeShape, UnitShape } from "../internal/runtime/shapes.js";

export type { EdgeShape, UnitShape } from "../internal/runtime/shapes.js";

/** Version of the messages below; a host refuses a `load` of another version. */
export const HOST_PROTOCOL_VERSION = 2;

/** A port of a network inside a unit's network: the path of subnetwork indices from the top, in or out, and its name. */
export interface PortPath {
  readonly network: readonly number[];
  readonly kind: "in" | "out";
  readonly name: string;
}

/** A probe of a unit: a port (by path) through an optional synapse (core's encoded object). */
export interface UnitProbeSpec {
  /** How results name it (`plant.out.x`). */
  readonly name: string;
  readonly target: PortPath;
  /** `encodeObject(synapse)` of @plexus/core, or null for none. */
  readonly synapse: Json | null;
}

/** An edge into a unit: its shape, the slot it feeds, the unit sending on it and how many steps (the sender's) it sends in the run. */
export interface InEdgeSpec {
  readonly shape: EdgeShape;
  readonly slot: number;
  readonly from: number;
  /** The receiving host is done when every step sent has arrived (exactly once), not before. */
  readonly senderSteps: number;
}

/** An edge out of a unit: its shape, which output it carries, and the unit receiving it. */
export interface OutEdgeSpec {
  readonly shape: EdgeShape;
  readonly output: number;
  readonly to: number;
}

/**
 * A unit described so that any host can build and run it: its composed network as core's network
 * spec (`serialisableSpec`; no code), its parameter overrides, dt and seed, and which top-level
 * ports are its slots, which ports its outputs and probes. Units with code (JS node functions,
 * function inputs, processes that cannot be rebuilt) have no spec: they stay in the coordinator.
 */
export interface UnitSpec {
  /** Index of the unit in the system (edges name units by it). */
  readonly id: number;
  readonly shape: UnitShape;
  /** `serialisableSpec(network).spec` of @plexus/core (with the coupler's own classes). */
  readonly network: Json;
  /** Parameter values by name (below the unit's top network), as `build` takes them. */
  readonly overrides: readonly { readonly name: string; readonly values: Float64Array }[];
  /** The unit's time step (s) and the seed it is built and run with. */
  readonly dt: number;
  readonly seed: number;
  /** Names of the top-level input ports fed by its slots, in slot order. */
  readonly slots: readonly string[];
  /** The ports read after each step for its out-edges, in output order. */
  readonly outputs: readonly PortPath[];
  readonly probes: readonly UnitProbeSpec[];
  /** Steps (its own) in the run. */
  readonly steps: number;
  readonly inEdges: readonly InEdgeSpec[];
  readonly outEdges: readonly OutEdgeSpec[];
}

/** How a host runs the units of one run. */
export interface HostRunParams {
  /** The run's id: transports name their links with it (`plexus.<run>.<edge>`) so that runs never mix. */
  readonly run: string;
  /** Most steps of a unit in one window. */
  readonly maxWindowSteps: number;
  /** A heartbeat event every this many ms (0: none). */
  readonly heartbeatMs: number;
  /** Probe windows are sent at most this often (ms), batched; and when the host pauses or ends. */
  readonly probeFlushMs: number;
  /** Whether the coordinator will ask for snapshots (the host then keeps the windows its receivers may need again). */
  readonly snapshots: boolean;
}

/** Commands, coordinator to host. */
export type HostCommand =
  /**
   * Build the units (answer `loaded`, or `failed`); their links are opened, nothing steps yet.
   * With `from`, they continue from that snapshot (taken of the same units, on any host).
   */
  | { readonly type: "load"; readonly version: number; readonly params: HostRunParams; readonly units: readonly UnitSpec[]; readonly from?: HostSnapshot }
  /** Step the units until base step `until` (their window boundary), then answer `paused`; `until` >= the run's steps runs to the end (answer `done`). */
  | { readonly type: "run"; readonly until: number }
  /** (When paused, every window sent to it arrived) answer `snapshot` with each unit's state and the windows its receivers still need. */
  | { readonly type: "snapshot" }
  /**
   * Windows of an observable input of unit `unit` (the coordinator subscribes it and forwards
   * what it emits), for slot `slot`, in the unit's steps (`Window.toBytes()`), contiguous. Sent
   * after `loaded`.
   */
  | { readonly type: "input"; readonly unit: number; readonly slot: number; readonly windows: readonly Uint8Array[] }
  /** Free everything and answer `closed`. */
  | { readonly type: "close" };

/** One unit's state at a window boundary. */
export interface UnitSnapshot {
  readonly unit: number;
  /** Its base step. */
  readonly step: number;
  /** `Simulator.snapshot()` bytes of its engine. */
  readonly engine: Uint8Array;
  /**
   * Per in-edge (in the spec's order), the sender's windows as they came off the link that the
   * receiver may still need (`Window.toBytes()`); a fresh receiving end fed them continues exactly.
   */
  readonly inEdges: readonly (readonly Uint8Array[])[];
}

/** What a host answers `snapshot` with. */
export interface HostSnapshot {
  readonly step: number;
  readonly units: readonly UnitSnapshot[];
}

/** Counters of one unit in a host's run, as the coordinator merges them into `RunStats`. */
export interface HostUnitStats {
  readonly unit: number;
  readonly runs: number;
  readonly steps: number;
  readonly maxWindowSteps: number;
  /** Per out-edge (in the spec's order): windows and steps sent, the most base steps ahead. */
  readonly sent: readonly { readonly windows: number; readonly steps: number; readonly maxAhead: number }[];
  /** Per in-edge (in the spec's order): windows and steps received. */
  readonly received: readonly { readonly windows: number; readonly steps: number }[];
}

/** Events, host to coordinator. */
export type HostEvent =
  | { readonly type: "loaded"; readonly units: readonly number[]; readonly buildSeconds: number }
  /** Probe windows of a unit (`Window.toBytes()`), per probe index, in step order. */
  | { readonly type: "probes"; readonly unit: number; readonly probe: number; readonly windows: readonly Uint8Array[] }
  /** Every unit is at base step `step` (a window boundary) and every window sent to it before arrived. */
  | { readonly type: "paused"; readonly step: number }
  | { readonly type: "snapshot"; readonly snapshot: HostSnapshot }
  /** Every unit of the host ran its steps and its out-edges delivered (the probes before were all sent). */
  | {
      readonly type: "done";
      readonly stats: readonly HostUnitStats[];
      readonly runSeconds: number;
      readonly runCpuSeconds: number;
      /** The most memory (bytes) its thread or process held, sampled as it ran (heap + external buffers), or NaN where not measured. */
      readonly peakMemoryBytes: number;
    }
  /** Something failed: a unit's step (unit, its name, the base step), a link, a bad command; `snapshot` when a snapshot to load from was refused. */
  | {
      readonly type: "failed";
      readonly message: string;
      readonly unit?: number;
      readonly subsystem?: string;
      readonly step?: number;
      readonly snapshot?: boolean;
    }
  /** A unit fed by observable inputs consumed its inputs up to base step `step` (bounds how far the coordinator lets them run ahead). */
  | { readonly type: "consumed"; readonly unit: number; readonly step: number }
  | { readonly type: "heartbeat"; readonly at: number }
  | { readonly type: "closed" };

/** The name of the link carrying the receiver's progress back to the sender of an edge (credits, for back-pressure). */
export function creditLinkName(edge: string): string {
  return `${edge} (credit)`;
}
