import { CouplingError } from "@plexus/core";
import type { UnitEngine } from "../internal/runtime/UnitEngine.js";
import type { Transport } from "../Transport.js";
import type { PlacedEdge } from "./edgeSpecs.js";
import { creditLinkSize, dataLinkSize, type HostConnector, type RemoteHost } from "./HostConnector.js";
import { creditLinkName, HOST_PROTOCOL_VERSION, type HostCommand, type HostEvent, type HostRunParams, type HostSnapshot, type UnitSpec } from "./protocol.js";
import { type HostedUnit, UnitHost } from "./UnitHost.js";

/** The transport of a host whose units have no links to other hosts. */
const noLinks: Transport & { close(): void } = {
  name: "none",
  open(edge) {
    throw new CouplingError(`${edge}: this host was given no channel for it (a bug in the coupler's placement)`, { label: edge });
  },
  close() {},
};

/** One host of an attempt, as the coordinator sees it. */
export interface HostState {
  readonly name: string;
  readonly units: readonly number[];
  readonly ends: Map<string, unknown>;
  remote: RemoteHost | undefined;
  local: UnitHost | undefined;
  transport: (Transport & { close(): void }) | undefined;
  /** What it answered last: loaded, paused, snapshot, done. */
  state: "loading" | "loaded" | "paused" | "snapshot" | "done";
  lastSeen: number;
  peakMemoryBytes: number;
  /** CPU seconds of its run, as its `done` event says (NaN until then, or where not measured). */
  runCpuSeconds: number;
  /** Observable inputs' windows for it, held until it has loaded its units. */
  readonly queued: Extract<HostCommand, { type: "input" }>[];
}

/** What an attempt needs of the run. */
export interface AttemptPlan {
  readonly hostOf: readonly string[];
  readonly specs: readonly (HostedUnit["spec"] | UnitSpec)[];
  readonly edges: readonly PlacedEdge[];
  readonly hosts: HostConnector;
  readonly params: HostRunParams;
  /** The engines of the units on "main" (the coordinator's thread), by unit index. */
  readonly mainEngines: ReadonlyMap<number, UnitEngine>;
  readonly scheduler: ConstructorParameters<typeof UnitHost>[3];
}

/**
 * One try at a run: the hosts started (and their links made) for it, loaded from a snapshot or
 * from step 0. After a host dies, the coordinator stops the attempt and starts another.
 */
export class Attempt {
  readonly hosts = new Map<string, HostState>();
  stopped = false;

  constructor(
    private readonly plan: AttemptPlan,
    private readonly onEvent: (h: HostState, event: HostEvent) => void,
    private readonly onDeath: (h: HostState, error: Error) => void,
  ) {
    plan.hostOf.forEach((host, unit) => {
      const h: HostState = this.hosts.get(host) ?? {
        name: host,
        units: [],
        ends: new Map(),
        remote: undefined,
        local: undefined,
        transport: undefined,
        state: "loading",
        lastSeen: performance.now(),
        peakMemoryBytes: NaN,
        runCpuSeconds: NaN,
        queued: [],
      };
      (h.units as number[]).push(unit);
      this.hosts.set(host, h);
    });
    for (const e of plan.edges) {
      const from = this.hostOfUnit(e.from);
      const to = this.hostOfUnit(e.to);
      if (from === to) continue;
      const name = e.spec.shape.name;
      const data = plan.hosts.channel(name, dataLinkSize(e.spec.shape, plan.params.maxWindowSteps));
      const credit = plan.hosts.channel(creditLinkName(name), creditLinkSize(e.spec.shape));
      from.ends.set(name, data.sender);
      to.ends.set(name, data.receiver);
      to.ends.set(creditLinkName(name), credit.sender);
      from.ends.set(creditLinkName(name), credit.receiver);
    }
  }

  /** The host that runs unit `u`. */
  private hostOfUnit(u: number): HostState {
    const name = this.plan.hostOf[u];
    const h = name === undefined ? undefined : this.hosts.get(name);
    if (h === undefined) throw new CouplingError(`unit ${u} has no host (a bug in the coupler's placement)`);
    return h;
  }

  private mainEngine(u: number): UnitEngine {
    const engine = this.plan.mainEngines.get(u);
    if (engine === undefined) throw new CouplingError(`unit ${u} has no engine on the main thread (a bug in the coupler's placement)`);
    return engine;
  }

  private unitSpec(u: number): HostedUnit["spec"] | UnitSpec {
    const spec = this.plan.specs[u];
    if (spec === undefined) throw new CouplingError(`the run has no unit ${u}`);
    return spec;
  }

  /** Starts every host, loading its units (from `from` when given). */
  start(from: HostSnapshot | undefined): void {
    for (const h of this.hosts.values()) {
      const mine = from === undefined ? undefined : { step: from.step, units: from.units.filter((u) => h.units.includes(u.unit)) };
      if (h.name === "main") this.startMain(h, mine);
      else this.startRemote(h, mine);
    }
  }

  private startMain(h: HostState, from: HostSnapshot | undefined): void {
    // with every unit here (a run on "main" with snapshots) there is nothing to connect
    const transport = h.ends.size === 0 ? noLinks : this.plan.hosts.localTransport(h.ends);
    h.transport = transport;
    const host = new UnitHost(transport, (event) => this.onEvent(h, event), { ...this.plan.params, heartbeatMs: 0 }, this.plan.scheduler);
    h.local = host;
    if (from === undefined) for (const i of h.units) this.mainEngine(i).reset();
    host.load(
      h.units.map((i) => ({ spec: this.unitSpec(i), engine: this.mainEngine(i) })),
      from,
    );
    this.onEvent(h, { type: "loaded", units: h.units, buildSeconds: 0 });
  }

  private startRemote(h: HostState, from: HostSnapshot | undefined): void {
    const load: HostCommand = {
      type: "load",
      version: HOST_PROTOCOL_VERSION,
      params: this.plan.params,
      units: h.units.map((i) => this.plan.specs[i] as UnitSpec),
      ...(from !== undefined ? { from } : {}),
    };
    h.remote = this.plan.hosts.start(
      h.name,
      load,
      h.ends,
      (event) => this.onEvent(h, event),
      (error) => {
        if (!this.stopped) this.onDeath(h, error);
      },
    );
  }

  /** Sends a command to every host (the coordinator's own host runs it at once). */
  broadcast(command: HostCommand): void {
    for (const h of this.hosts.values()) {
      if (h.local === undefined) {
        h.remote?.send(command);
        continue;
      }
      if (command.type === "run") h.local.run(command.until);
      else if (command.type === "snapshot") this.onEvent(h, { type: "snapshot", snapshot: h.local.snapshot() });
    }
  }

  /** Forwards windows of an observable input to the host of unit `unit` (held until that host has loaded). */
  input(unit: number, slot: number, windows: readonly Uint8Array[]): void {
    const h = this.hosts.get(this.plan.hostOf[unit] ?? "");
    if (h === undefined || this.stopped) return;
    if (h.local !== undefined) h.local.input(unit, slot, windows);
    else if (h.state === "loading") h.queued.push({ type: "input", unit, slot, windows });
    else h.remote?.send({ type: "input", unit, slot, windows });
  }

  /** Sends a host the input windows held while it loaded. */
  flushInputs(h: HostState): void {
    for (const command of h.queued.splice(0)) h.remote?.send(command);
  }

  /** Whether every host answered `state` last. */
  all(state: HostState["state"]): boolean {
    return [...this.hosts.values()].every((h) => h.state === state);
  }

  /** Stops every host (the coordinator's engines are kept, not freed). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const h of this.hosts.values()) {
      h.remote?.close();
      h.local?.close(true);
      h.transport?.close();
    }
  }
}
