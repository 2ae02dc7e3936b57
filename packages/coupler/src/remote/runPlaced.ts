import { CouplingError } from "@plexus/core";
import { Observable, type Subscriber } from "rxjs";
import type { SystemModel } from "../internal/model.js";
import { unitShape } from "../internal/runtime/describeShapes.js";
import type { UnitPlan } from "../internal/runtime/planUnits.js";
import type { RunSettings } from "../internal/runtime/runSystem.js";
import type { OutputWindow } from "../OutputWindow.js";
import type { RunStats } from "../RunStats.js";
import { Window } from "../Window.js";
import { describeUnit } from "./describeUnit.js";
import { edgeSpecs, type PlacedEdge } from "./edgeSpecs.js";
import { hostsOf, type Placement } from "./placement.js";
import type { HostConnector, RemoteHost } from "./HostConnector.js";
import { HOST_PROTOCOL_VERSION, creditLinkName, type HostCommand, type HostEvent, type HostUnitStats, type UnitSpec } from "./protocol.js";
import { UnitHost, type HostedUnit } from "./UnitHost.js";

export interface PlacedSettings extends RunSettings {
  readonly placement: Readonly<Record<string, Placement>>;
  /** A worker that sends nothing (no heartbeat, no window) for this long has failed (ms). */
  readonly hostTimeoutMs: number;
  readonly heartbeatMs: number;
  /** How hosts other than "main" are reached (worker threads, NATS). */
  readonly hosts: HostConnector;
}

/** One host of a placed run, as the coordinator sees it. */
interface HostState {
  readonly name: string;
  readonly units: number[];
  readonly ends: Map<string, unknown>;
  remote: RemoteHost | undefined;
  local: UnitHost | undefined;
  loaded: boolean;
  done: boolean;
  lastSeen: number;
  peakMemoryBytes: number;
}

/**
 * Runs a system with its units placed on hosts: units placed on "main" in a {@link UnitHost} in
 * this thread, each worker's in a worker thread running `workerHost`, every edge between hosts a
 * MessageChannel (windows one way, credits the other), peer to peer. The coordinator loads the
 * hosts, starts them once all are built, and relays probe data; a host that fails, exits or stays
 * silent past `hostTimeoutMs` ends the run with a CouplingError naming its subsystems.
 */
export function runPlaced(model: SystemModel, plans: readonly UnitPlan[], settings: PlacedSettings, stats: RunStats): Observable<OutputWindow> {
  return new Observable<OutputWindow>((subscriber) => new Coordinator(model, plans, settings, stats, subscriber).start());
}

class Coordinator {
  private readonly hosts = new Map<string, HostState>();
  private readonly hostOf: string[];
  private readonly edges: PlacedEdge[];
  private readonly specs: (HostedUnit["spec"] | UnitSpec)[] = [];
  private readonly hostStats: HostUnitStats[] = [];
  private stopped = false;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private readonly buildStart = performance.now();
  private runStart = 0;
  private readonly released: (() => void)[] = [];

  constructor(
    private readonly model: SystemModel,
    private readonly plans: readonly UnitPlan[],
    private readonly settings: PlacedSettings,
    private readonly stats: RunStats,
    private readonly subscriber: Subscriber<OutputWindow>,
  ) {
    this.hostOf = hostsOf(plans, settings.placement, model.entries.map((e) => e.key));
    const { ins, outs, edges } = edgeSpecs(plans, settings.bufferSteps, settings.steps);
    this.edges = edges;
    for (const plan of plans) {
      const base = { id: plan.index, shape: unitShape(plan, model), steps: Math.floor(settings.steps / plan.multiple), inEdges: ins[plan.index]!, outEdges: outs[plan.index]! };
      const host = this.hostOf[plan.index]!;
      this.specs.push(host === "main" ? base : describeUnit(plan, model, settings.steps, base.inEdges, base.outEdges, `a ${settings.hosts.kind} (${host})`));
      const h: HostState = this.hosts.get(host) ?? { name: host, units: [], ends: new Map(), remote: undefined, local: undefined, loaded: false, done: false, lastSeen: performance.now(), peakMemoryBytes: NaN };
      h.units.push(plan.index);
      this.hosts.set(host, h);
    }
    for (const e of edges) {
      const from = this.hosts.get(this.hostOf[e.from]!)!;
      const to = this.hosts.get(this.hostOf[e.to]!)!;
      if (from === to) continue;
      const name = e.spec.shape.name;
      const data = settings.hosts.channel(name);
      const credit = settings.hosts.channel(creditLinkName(name));
      from.ends.set(name, data.sender);
      to.ends.set(name, data.receiver);
      to.ends.set(creditLinkName(name), credit.sender);
      from.ends.set(creditLinkName(name), credit.receiver);
    }
  }

  /** Starts the hosts; returns the teardown. */
  start(): () => void {
    try {
      for (const h of this.hosts.values()) (h.name === "main" ? this.startMain(h) : this.startWorker(h));
    } catch (error) {
      this.fail(error);
    }
    if (this.settings.hostTimeoutMs < Infinity) {
      this.watchdog = setInterval(() => this.watch(), Math.min(1000, this.settings.hostTimeoutMs / 4));
      (this.watchdog as { unref?: () => void }).unref?.();
    }
    return () => this.stop();
  }

  private params(): Extract<HostCommand, { type: "load" }>["params"] {
    return { run: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, maxWindowSteps: this.settings.maxWindowSteps, heartbeatMs: this.settings.heartbeatMs, probeFlushMs: 50 };
  }

  private startMain(h: HostState): void {
    const transport = this.settings.hosts.localTransport(h.ends);
    const host = new UnitHost(transport, (event) => this.onEvent(h, event), { ...this.params(), heartbeatMs: 0 }, this.settings.scheduler);
    h.local = host;
    const units: HostedUnit[] = h.units.map((i) => {
      const engine = this.settings.engines.acquire(this.plans[i]!, this.model);
      this.released.push(() => this.settings.engines.release(this.plans[i]!, engine));
      return { spec: this.specs[i]!, engine };
    });
    host.load(units);
    this.released.push(() => {
      host.close();
      transport.close();
    });
    this.onEvent(h, { type: "loaded", units: h.units, buildSeconds: 0 });
  }

  private startWorker(h: HostState): void {
    const load: HostCommand = { type: "load", version: HOST_PROTOCOL_VERSION, params: this.params(), units: h.units.map((i) => this.specs[i] as UnitSpec) };
    h.remote = this.settings.hosts.start(
      h.name,
      load,
      h.ends,
      (event) => this.onEvent(h, event),
      (error) => {
        if (!this.stopped) this.fail(this.hostError(h, `failed: ${error.message}`, error));
      },
    );
  }

  private send(h: HostState, command: HostCommand): void {
    if (h.local !== undefined) {
      if (command.type === "run") h.local.run(command.until);
    } else h.remote?.send(command);
  }

  private onEvent(h: HostState, event: HostEvent): void {
    if (this.stopped) return;
    h.lastSeen = performance.now();
    switch (event.type) {
      case "loaded":
        h.loaded = true;
        if ([...this.hosts.values()].every((x) => x.loaded)) {
          this.stats.buildSeconds = (performance.now() - this.buildStart) / 1000;
          this.runStart = performance.now();
          for (const x of this.hosts.values()) this.send(x, { type: "run", until: this.settings.steps });
        }
        return;
      case "probes": {
        const plan = this.plans[event.unit]!;
        const shape = this.specs[event.unit]!.shape;
        const name = plan.probes[event.probe]!.name;
        for (const bytes of event.windows) this.subscriber.next({ probe: name, window: Window.fromBytes(bytes), dt: shape.dt });
        return;
      }
      case "done":
        h.done = true;
        h.peakMemoryBytes = event.peakMemoryBytes;
        this.hostStats.push(...event.stats);
        if ([...this.hosts.values()].every((x) => x.done)) this.complete();
        return;
      case "failed":
        this.fail(new CouplingError(event.message, { label: event.subsystem ?? h.name, step: event.step, subsystem: event.subsystem }));
        return;
      case "paused":
      case "snapshot":
      case "heartbeat":
      case "closed":
        return;
    }
  }

  private watch(): void {
    const now = performance.now();
    for (const h of this.hosts.values()) {
      if (h.remote === undefined || h.done || now - h.lastSeen <= this.settings.hostTimeoutMs) continue;
      this.fail(this.hostError(h, `sent nothing for ${Math.round(now - h.lastSeen)} ms (hostTimeoutMs ${this.settings.hostTimeoutMs})`));
      return;
    }
  }

  private hostError(h: HostState, what: string, cause?: unknown): CouplingError {
    const names = h.units.map((i) => this.plans[i]!.name);
    return new CouplingError(`The ${this.settings.hosts.kind} running ${names.map((n) => `'${n}'`).join(", ")} (${h.name}) ${what}`, { label: names[0], subsystem: names[0], cause });
  }

  private complete(): void {
    this.collectStats();
    this.stop();
    this.subscriber.complete();
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.collectStats();
    this.stop();
    this.subscriber.error(error);
  }

  private collectStats(): void {
    const s = this.stats;
    s.runSeconds = (performance.now() - this.runStart) / 1000;
    s.runCpuSeconds = NaN;
    s.hosts = [...this.hosts.values()].map((h) => ({ host: h.name, units: h.units.map((i) => this.plans[i]!.name), peakMemoryBytes: h.peakMemoryBytes }));
    const byUnit = new Map(this.hostStats.map((x) => [x.unit, x]));
    for (const plan of this.plans) {
      const u = byUnit.get(plan.index);
      s.units.push({ unit: plan.name, runs: u?.runs ?? 0, steps: u?.steps ?? 0, maxWindowSteps: u?.maxWindowSteps ?? 0 });
    }
    for (const e of this.edges) {
      const sent = byUnit.get(e.from)?.sent[e.out];
      const received = byUnit.get(e.to)?.received[e.slot];
      s.edges.push({
        edge: e.spec.shape.name,
        sentWindows: sent?.windows ?? 0,
        sentSteps: sent?.steps ?? 0,
        receivedWindows: received?.windows ?? 0,
        receivedSteps: received?.steps ?? 0,
        capacitySteps: e.spec.shape.capacitySteps,
        maxAheadSteps: sent?.maxAhead ?? 0,
      });
    }
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
    for (const r of this.released.splice(0)) r();
    for (const h of this.hosts.values()) h.remote?.close();
  }
}
