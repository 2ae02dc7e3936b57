import { CouplingError, SnapshotError } from "@plexus/core";
import { Observable, type Subscriber } from "rxjs";
import type { SystemModel } from "../internal/model.js";
import { processCpuSeconds } from "../internal/runtime/cpuSeconds.js";
import { unitShape } from "../internal/runtime/describeShapes.js";
import type { UnitPlan } from "../internal/runtime/planUnits.js";
import type { RunSettings } from "../internal/runtime/runSystem.js";
import type { UnitEngine } from "../internal/runtime/UnitEngine.js";
import type { OutputWindow } from "../OutputWindow.js";
import type { RunStats } from "../RunStats.js";
import { Window } from "../Window.js";
import { Attempt, type HostState } from "./Attempt.js";
import { describeUnit } from "./describeUnit.js";
import { edgeSpecs, type PlacedEdge } from "./edgeSpecs.js";
import type { HostConnector } from "./HostConnector.js";
import { InputForwarder } from "./InputForwarder.js";
import { hostsOf, type Placement } from "./placement.js";
import type { HostEvent, HostRunParams, HostSnapshot, HostUnitStats, UnitSnapshot, UnitSpec } from "./protocol.js";
import type { HostedUnit } from "./UnitHost.js";

export interface PlacedSettings extends Omit<RunSettings, "scheduler"> {
  /** Where the coordinator's own units run their windows (default: the default of its hosts' transport, see `defaultScheduler`). */
  readonly scheduler: RunSettings["scheduler"] | undefined;
  readonly placement: Readonly<Record<string, Placement>>;
  /** A worker that sends nothing (no heartbeat, no window) for this long has failed (ms). */
  readonly hostTimeoutMs: number;
  /** A worker that has not built its units (answered `load`) after this long has failed (ms). */
  readonly loadTimeoutMs: number;
  readonly heartbeatMs: number;
  /** How hosts other than "main" are reached (worker threads, NATS). */
  readonly hosts: HostConnector;
  /** Snapshot every this many base steps (a multiple of every unit's multiple), or 0 for none. */
  readonly snapshotEvery: number;
  /** How many times a dead host is replaced (every host restarted from the last snapshot, or from step 0). */
  readonly restarts: number;
  /** Where the run starts: a snapshot of every unit (taken at a window boundary), or undefined for step 0. */
  readonly from?: HostSnapshot | undefined;
  /** Called with every snapshot taken (the run goes on once a promise it returns resolves; a throw or rejection ends the run). */
  readonly onSnapshot?: ((snapshot: HostSnapshot) => void | Promise<void>) | undefined;
}

/**
 * Runs a system with its units placed on hosts: units placed on "main" in a UnitHost in this
 * thread, the others on hosts of the connector (worker threads), every edge between hosts a pair
 * of channels (windows one way, credits the other), peer to peer. The coordinator loads the
 * hosts, runs them (in segments ending in a snapshot, with `snapshotEvery`), relays probe data,
 * and when a host dies or stays silent past `hostTimeoutMs` starts them all again from the last
 * snapshot (at most `restarts` times): the same bits as an undisturbed run.
 */
export function runPlaced(model: SystemModel, plans: readonly UnitPlan[], settings: PlacedSettings, stats: RunStats): Observable<OutputWindow> {
  return new Observable<OutputWindow>((subscriber) => new Coordinator(model, plans, settings, stats, subscriber).start());
}

class Coordinator {
  private readonly hostOf: string[];
  private readonly edges: PlacedEdge[];
  private readonly specs: (HostedUnit["spec"] | UnitSpec)[] = [];
  private readonly mainEngines = new Map<number, UnitEngine>();
  private readonly hostStats: HostUnitStats[] = [];
  /** Per unit and probe, the last step emitted (windows of a restarted attempt are not emitted twice). */
  private readonly emitted: number[][];
  private attempt: Attempt | undefined;
  private readonly inputs: InputForwarder;
  private saved: HostSnapshot | undefined;
  private pendingSnapshot: UnitSnapshot[] = [];
  private restarts = 0;
  private segmentEnd = 0;
  private stopped = false;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private readonly buildStart = performance.now();
  private runStart = 0;
  private cpuStart = NaN;

  constructor(
    private readonly model: SystemModel,
    private readonly plans: readonly UnitPlan[],
    private readonly settings: PlacedSettings,
    private readonly stats: RunStats,
    private readonly subscriber: Subscriber<OutputWindow>,
  ) {
    this.hostOf = hostsOf(
      plans,
      settings.placement,
      model.entries.map((e) => e.key),
    );
    const { ins, outs, edges } = edgeSpecs(plans, settings.bufferSteps, settings.steps);
    this.edges = edges;
    for (const plan of plans) {
      const base = {
        id: plan.index,
        shape: unitShape(plan, model),
        steps: Math.floor(settings.steps / plan.multiple),
        inEdges: ins[plan.index] ?? [],
        outEdges: outs[plan.index] ?? [],
      };
      const host = this.hostOf[plan.index];
      if (host === undefined) throw new CouplingError(`unit ${plan.name} was given no host (a bug in the coupler's placement)`, { label: plan.name });
      this.specs.push(host === "main" ? base : describeUnit(plan, model, settings.steps, base.inEdges, base.outEdges, `a ${settings.hosts.kind} (${host})`));
    }
    this.saved = settings.from;
    this.inputs = new InputForwarder(plans, settings.from, (unit, slot, windows) => this.attempt?.input(unit, slot, windows), settings.restarts > 0);
    const resumed = new Map((settings.from?.units ?? []).map((u) => [u.unit, u.step]));
    this.emitted = plans.map((p) => p.probes.map(() => Math.floor((resumed.get(p.index) ?? 0) / p.multiple)));
  }

  /** Starts the run; returns the teardown. */
  start(): () => void {
    try {
      this.plans.forEach((plan, i) => {
        if (this.hostOf[i] === "main") this.mainEngines.set(i, this.settings.engines.acquire(plan, this.model));
      });
      this.launch();
      // observable inputs: subscribed once the hosts are started (windows wait for a host to load)
      if (!this.stopped) this.inputs.start(this.settings.steps, this.settings.inputBufferSteps, (error) => this.fail(error));
    } catch (error) {
      this.fail(error);
    }
    if (this.settings.hostTimeoutMs < Infinity) {
      this.watchdog = setInterval(() => this.watch(), Math.min(1000, this.settings.hostTimeoutMs / 4));
      (this.watchdog as { unref?: () => void }).unref?.();
    }
    return () => this.stop();
  }

  private launch(): void {
    const params: HostRunParams = {
      run: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
      maxWindowSteps: this.settings.maxWindowSteps,
      heartbeatMs: this.settings.heartbeatMs,
      probeFlushMs: 50,
      snapshots: this.settings.snapshotEvery > 0,
    };
    const plan = {
      hostOf: this.hostOf,
      specs: this.specs,
      edges: this.edges,
      hosts: this.settings.hosts,
      params,
      mainEngines: this.mainEngines,
      scheduler: this.settings.scheduler,
    };
    const attempt = new Attempt(
      plan,
      (h, event) => {
        if (attempt === this.attempt) this.onEvent(attempt, h, event);
      },
      (h, error) => {
        if (attempt === this.attempt) this.died(h, `failed: ${error.message}`, error);
      },
    );
    this.attempt = attempt;
    this.segmentEnd = this.saved?.step ?? 0;
    attempt.start(this.saved);
    this.inputs.resend(this.segmentEnd);
  }

  /** Runs the hosts to the next boundary (the end when there are no snapshots). */
  private nextSegment(attempt: Attempt): void {
    const every = this.settings.snapshotEvery;
    this.segmentEnd = every > 0 ? Math.min(this.segmentEnd + every, this.settings.steps) : this.settings.steps;
    attempt.broadcast({ type: "run", until: this.segmentEnd });
  }

  private onEvent(attempt: Attempt, h: HostState, event: HostEvent): void {
    if (this.stopped) return;
    h.lastSeen = performance.now();
    switch (event.type) {
      case "loaded":
        h.state = "loaded";
        attempt.flushInputs(h);
        if (!attempt.all("loaded")) return;
        if (this.runStart === 0) {
          this.stats.buildSeconds = (performance.now() - this.buildStart) / 1000;
          this.runStart = performance.now();
          this.cpuStart = processCpuSeconds();
        }
        this.nextSegment(attempt);
        return;
      case "probes":
        this.probes(event.unit, event.probe, event.windows);
        return;
      case "paused":
        h.state = "paused";
        if (!attempt.all("paused")) return;
        this.pendingSnapshot = [];
        attempt.broadcast({ type: "snapshot" });
        return;
      case "snapshot":
        h.state = "snapshot";
        this.pendingSnapshot.push(...event.snapshot.units);
        if (!attempt.all("snapshot")) return;
        this.saved = { step: this.segmentEnd, units: this.pendingSnapshot };
        this.inputs.snapshotTaken(this.saved.step);
        this.deliverSnapshot(attempt, this.saved);
        return;
      case "done":
        h.state = "done";
        h.peakMemoryBytes = event.peakMemoryBytes;
        h.runCpuSeconds = event.runCpuSeconds;
        this.hostStats.push(...event.stats);
        if (attempt.all("done")) this.complete(attempt);
        return;
      case "failed":
        this.fail(
          event.snapshot === true
            ? new SnapshotError(event.message, { label: event.subsystem ?? h.name })
            : new CouplingError(event.message, { label: event.subsystem ?? h.name, step: event.step, subsystem: event.subsystem }),
        );
        return;
      case "consumed":
        this.inputs.consumed(event.unit, event.step);
        return;
      case "heartbeat":
      case "closed":
        return;
    }
  }

  /** Hands a snapshot to `onSnapshot`, then runs the next segment (once a promise it returned resolved). */
  private deliverSnapshot(attempt: Attempt, saved: HostSnapshot): void {
    const failed = (cause: unknown): void =>
      this.fail(
        new CouplingError(`run: onSnapshot failed on the snapshot at base step ${saved.step}: ${cause instanceof Error ? cause.message : String(cause)}`, {
          step: saved.step,
          cause,
        }),
      );
    let pending: void | Promise<void>;
    try {
      pending = this.settings.onSnapshot?.(saved);
    } catch (cause) {
      failed(cause);
      return;
    }
    if (pending === undefined) {
      this.nextSegment(attempt);
      return;
    }
    pending.then(() => {
      if (!this.stopped && attempt === this.attempt) this.nextSegment(attempt);
    }, failed);
  }

  /** Emits a unit's probe windows, the steps a restarted attempt repeats left out. */
  private probes(unit: number, probe: number, windows: readonly Uint8Array[]): void {
    const name = this.plans[unit]?.probes[probe]?.name;
    const spec = this.specs[unit];
    const done = this.emitted[unit];
    if (name === undefined || spec === undefined || done === undefined)
      throw new CouplingError(`a host sent windows of probe ${probe} of unit ${unit}, which the run does not have`);
    const dt = spec.shape.dt;
    for (const bytes of windows) {
      let w = Window.fromBytes(bytes);
      const last = done[probe] ?? 0;
      if (w.end <= last) continue;
      if (w.start <= last) {
        const skip = last - w.start + 1;
        w = new Window(w.start + skip, w.steps - skip, w.dims, w.data.slice(skip * w.dims));
      }
      done[probe] = w.end;
      this.subscriber.next({ probe: name, window: w, dt });
    }
  }

  private watch(): void {
    const now = performance.now();
    for (const h of this.attempt?.hosts.values() ?? []) {
      const loading = h.state === "loading";
      const limit = loading ? this.settings.loadTimeoutMs : this.settings.hostTimeoutMs;
      if (h.remote === undefined || h.state === "done" || now - h.lastSeen <= limit) continue;
      this.died(
        h,
        loading
          ? `built nothing for ${Math.round(now - h.lastSeen)} ms (loadTimeoutMs ${limit})`
          : `sent nothing for ${Math.round(now - h.lastSeen)} ms (hostTimeoutMs ${limit})`,
      );
      return;
    }
  }

  /** A host died or went silent: start every host again from the last snapshot, or end the run. */
  private died(h: HostState, what: string, cause?: unknown): void {
    if (this.stopped) return;
    this.attempt?.stop();
    if (this.restarts < this.settings.restarts) {
      this.restarts++;
      try {
        this.launch();
      } catch (error) {
        this.fail(error);
      }
      return;
    }
    const names = h.units.map((i) => this.plans[i]?.name ?? `unit ${i}`);
    const from = this.saved === undefined ? "step 0" : `the snapshot at step ${this.saved.step}`;
    const tries = this.settings.restarts === 0 ? "" : `, after ${this.restarts} restart${this.restarts === 1 ? "" : "s"} from ${from}`;
    this.fail(
      new CouplingError(
        `The ${this.settings.hosts.kind} running ${names.map((n) => `'${n}'`).join(", ")} (${h.name}) ${what} in the steps after ${this.saved?.step ?? 0}${tries}; probe data up to the steps each subsystem completed is kept`,
        {
          label: names[0],
          subsystem: names[0],
          step: (this.saved?.step ?? 0) + 1,
          cause,
        },
      ),
    );
  }

  private complete(attempt: Attempt): void {
    this.collectStats(attempt);
    this.stop();
    this.subscriber.complete();
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    if (this.attempt !== undefined) this.collectStats(this.attempt);
    this.stop();
    this.subscriber.error(error);
  }

  private collectStats(attempt: Attempt): void {
    const s = this.stats;
    s.runSeconds = (performance.now() - this.runStart) / 1000;
    s.runCpuSeconds = processCpuSeconds() - this.cpuStart;
    s.restarts = this.restarts;
    s.hosts = [...attempt.hosts.values()].map((h) => ({
      host: h.name,
      units: h.units.map((i) => this.plans[i]?.name ?? `unit ${i}`),
      peakMemoryBytes: h.peakMemoryBytes,
      runCpuSeconds: h.runCpuSeconds,
    }));
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
    this.attempt?.stop();
    this.inputs.stop();
    this.mainEngines.forEach((engine, i) => {
      const plan = this.plans[i];
      if (plan !== undefined) this.settings.engines.release(plan, engine);
    });
    this.mainEngines.clear();
  }
}
