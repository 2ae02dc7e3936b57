import { CouplingError, InternalError, SnapshotError } from "@plexus/core";
import { numAt } from "@plexus/core/runtime";
import { type SchedulerLike, Subscription } from "rxjs";
import { InProcessTransport } from "../InProcessTransport.js";
import { ActorLoop } from "../internal/runtime/ActorLoop.js";
import { edgeStats, keptWindows, OutEdge, receiveEdge } from "../internal/runtime/EdgeLink.js";
import { UnitActor } from "../internal/runtime/UnitActor.js";
import type { UnitEngine } from "../internal/runtime/UnitEngine.js";
import type { EdgeStats } from "../RunStats.js";
import { defaultScheduler, type Link, type Transport } from "../Transport.js";
import { Window } from "../Window.js";
import {
  creditLinkName,
  type EdgeShape,
  type HostEvent,
  type HostRunParams,
  type HostSnapshot,
  type HostUnitStats,
  type UnitSnapshot,
  type UnitSpec,
} from "./protocol.js";

/** A unit as a host runs it: what the spec says of it (the build information aside) and its engine. */
export interface HostedUnit {
  readonly spec: Pick<UnitSpec, "id" | "shape" | "steps" | "inEdges" | "outEdges">;
  readonly engine: UnitEngine;
}

interface HostedActor {
  readonly unit: HostedUnit;
  readonly actor: UnitActor;
  readonly sent: EdgeStats[];
  readonly received: EdgeStats[];
  /** Per in-edge, the sender's windows as they came off the link (kept for snapshots only). */
  readonly history: Window[][];
  /** Per in-edge, the sender's last step received. */
  readonly through: number[];
}

/**
 * Runs some units of a system (all of a worker's, a process's, or the coordinator's own): one
 * actor per unit on one {@link ActorLoop}; an edge between two of its units is a link in this
 * thread, any other edge a link of `transport` (windows to the receiver, credits back to the
 * sender: the steps the receiver consumed, which bound how far the sender runs ahead). Answers
 * the protocol's commands through `emit`.
 */
export class UnitHost {
  private readonly hosted: HostedActor[] = [];
  private readonly subscriptions = new Subscription();
  /** Per unit and probe, the windows recorded since the last flush (contiguous, in order). */
  private readonly pending = new Map<string, { unit: number; probe: number; windows: Window[] }>();
  private lastFlush = 0;
  private loop: ActorLoop | undefined;
  private until = 0;
  private reported = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private runStart = 0;
  private peakMemory = NaN;
  private cpuStart = 0;

  constructor(
    private readonly transport: Transport,
    private readonly emit: (event: HostEvent) => void,
    private readonly params: HostRunParams,
    /** Where its units run their windows (default: {@link defaultScheduler} of `transport`). */
    private readonly scheduler: SchedulerLike | undefined = undefined,
    /** Memory (bytes) the host holds now, sampled as it runs for the peak it reports (default: not measured). */
    private readonly memory: (() => number) | undefined = undefined,
    /** CPU seconds the host has used so far (its process or thread), for the CPU of the run it reports (default: not measured). */
    private readonly cpu: (() => number) | undefined = undefined,
  ) {
    if (params.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => {
        this.sampleMemory();
        this.emit({ type: "heartbeat", at: Date.now() });
      }, params.heartbeatMs);
      (this.heartbeat as { unref?: () => void }).unref?.();
    }
  }

  /**
   * Builds the actors of `units` and opens their links (nothing steps until {@link run}); with
   * `from`, each unit continues from its snapshot there (engine state, step, its receivers fed the
   * windows they still need).
   */
  load(units: readonly HostedUnit[], from?: HostSnapshot): void {
    const byId = new Map<number, HostedActor>();
    const saved = new Map<number, UnitSnapshot>((from?.units ?? []).map((u) => [u.unit, u]));
    for (const unit of units) {
      const actor = new UnitActor(unit.spec.shape, unit.engine, unit.spec.steps);
      const snap = saved.get(unit.spec.id);
      if (from !== undefined && snap === undefined)
        throw new CouplingError(`UnitHost.load: the snapshot has no state of unit '${unit.spec.shape.name}'`, { label: unit.spec.shape.name });
      if (snap !== undefined) {
        restoreEngine(unit, snap.engine);
        actor.t = snap.step / actor.shape.multiple;
      }
      actor.limit = actor.t;
      // observable inputs' slots (after the edges'): the coordinator sends their windows from the unit's next step
      for (let slot = unit.spec.inEdges.length; slot < actor.buffers.length; slot++) actor.buffers[slot]?.startAfter(actor.t);
      const h: HostedActor = { unit, actor, sent: [], received: [], history: unit.spec.inEdges.map(() => []), through: unit.spec.inEdges.map(() => 0) };
      this.hosted.push(h);
      byId.set(unit.spec.id, h);
    }
    const start = from?.step ?? 0;
    const outs = new Map<UnitActor, OutEdge[]>();
    const consumed = new Map<UnitActor, (() => void)[]>();
    const local = new Map<string, Link>();
    const localLink = (name: string): Link => {
      let link = local.get(name);
      if (link === undefined) local.set(name, (link = new InProcessTransport().open(name)));
      return link;
    };
    const poke = (a: UnitActor): void => this.loop?.poke(a);
    for (const h of this.hosted) {
      const list: OutEdge[] = [];
      for (const e of h.unit.spec.outEdges) {
        const stats = edgeStats(e.shape);
        h.sent.push(stats);
        const to = byId.get(e.to);
        if (to !== undefined) {
          list.push(new OutEdge(e.shape, localLink(e.shape.name), e.output, () => to.actor.t * to.actor.shape.multiple, stats));
          continue;
        }
        let credit = start;
        this.subscriptions.add(
          this.transport.open(creditLinkName(e.shape.name)).windows.subscribe({
            next: (w) => {
              credit = w.end;
              poke(h.actor);
            },
            error: (err: unknown) => this.fail(err),
          }),
        );
        list.push(new OutEdge(e.shape, this.transport.open(e.shape.name), e.output, () => credit, stats));
      }
      outs.set(h.actor, list);
    }
    for (const h of this.hosted) {
      const tells = this.wireInputs(h, byId, localLink, poke, saved.get(h.unit.spec.id));
      // a unit fed by observable inputs tells the coordinator how far it consumed them (their back-pressure)
      if (h.actor.shape.slotDims.length > h.unit.spec.inEdges.length)
        tells.push(() => this.emit({ type: "consumed", unit: h.unit.spec.id, step: h.actor.t * h.actor.shape.multiple }));
      consumed.set(h.actor, tells);
    }
    this.loop = new ActorLoop(
      this.hosted.map((h) => h.actor),
      outs,
      consumed,
      {
        scheduler: this.scheduler ?? defaultScheduler(this.transport),
        unitDelay: undefined,
        maxWindowSteps: pipelinedWindowSteps(
          units.map((u) => u.spec),
          this.params.maxWindowSteps,
        ),
      },
      {
        probes: (actor, windows) => this.probes(actor, windows),
        sending: () => undefined,
        failed: (error) => this.fail(error),
        settled: () => this.settle(),
      },
    );
  }

  /** The receiving ends of a unit's in-edges; returns what to do when it consumed steps (poke local senders, credit remote ones). */
  private wireInputs(
    h: HostedActor,
    byId: ReadonlyMap<number, HostedActor>,
    localLink: (name: string) => Link,
    poke: (a: UnitActor) => void,
    snap: UnitSnapshot | undefined,
  ): (() => void)[] {
    const tells: (() => void)[] = [];
    const m = h.actor.shape.multiple;
    h.unit.spec.inEdges.forEach((e, k) => {
      const stats = edgeStats(e.shape);
      h.received.push(stats);
      const from = byId.get(e.from);
      const link = from !== undefined ? localLink(e.shape.name) : this.transport.open(e.shape.name);
      const replay = (snap?.inEdges[k] ?? []).map((b) => Window.fromBytes(b));
      const buffer = h.actor.buffers[e.slot];
      if (buffer === undefined) throw new InternalError(`UnitHost: unit '${h.actor.shape.name}' has no input slot ${e.slot} for ${e.shape.name}`);
      if (this.params.snapshots) historyOf(h, k).push(...replay);
      h.through[k] = replay.at(-1)?.end ?? 0;
      this.subscriptions.add(
        receiveEdge(
          e.shape,
          link,
          buffer,
          stats,
          {
            arrived: (w) => {
              h.through[k] = w.end;
              // (snapshot() replaces the list with the windows it keeps: read it anew)
              if (this.params.snapshots) historyOf(h, k).push(w);
              // a window that feeds no step of the run (the last steps before a delay) delivers nothing, yet the host may now be done
              queueMicrotask(() => this.settle());
            },
            delivered: () => {
              poke(h.actor);
              this.settle();
            },
            failed: (error) => this.fail(error),
          },
          replay,
        ),
      );
      if (from !== undefined) {
        tells.push(() => poke(from.actor));
        return;
      }
      const credits = this.transport.open(creditLinkName(e.shape.name));
      const lag = creditLag(e.shape);
      let told = h.actor.t * m;
      tells.push(() => {
        const now = h.actor.t * m;
        if (now - told <= lag) return;
        credits.send(new Window(told + 1, now - told, 0));
        told = now;
      });
    });
    return tells;
  }

  /** Steps every unit to base step `until` (its window boundary); answers `paused`, or `done` at the end. */
  run(until: number): void {
    const loop = this.loop;
    if (loop === undefined) throw new CouplingError("UnitHost.run: load units first");
    this.until = until;
    this.reported = false;
    for (const h of this.hosted) h.actor.limit = Math.min(h.actor.total, Math.floor(until / h.actor.shape.multiple));
    if (!loop.started) {
      this.runStart = performance.now();
      this.cpuStart = this.cpu?.() ?? NaN;
      loop.start();
      loop.booting = false;
    } else for (const h of this.hosted) loop.poke(h.actor);
    this.settle();
  }

  /** Windows (`Window.toBytes()`, in the unit's steps) of an observable input that the coordinator forwards, into slot `slot` of unit `unit`. */
  input(unit: number, slot: number, windows: readonly Uint8Array[]): void {
    const h = this.hosted.find((x) => x.unit.spec.id === unit);
    const buffer = h?.actor.buffers[slot];
    if (h === undefined || buffer === undefined || slot < h.unit.spec.inEdges.length)
      throw new CouplingError(`UnitHost.input: unit ${unit} is not on this host or has no input slot ${slot} (a bug in the coupler)`);
    try {
      for (const bytes of windows) buffer.push(Window.fromBytes(bytes));
    } catch (error) {
      this.fail(error);
      return;
    }
    this.loop?.poke(h.actor);
    this.settle();
  }

  /** The state at the boundary where the host paused: each unit's engine and step, the windows its receivers may still need. */
  snapshot(): HostSnapshot {
    const units = this.hosted.map((h): UnitSnapshot => {
      const consumed = h.actor.t * h.actor.shape.multiple;
      const inEdges = h.unit.spec.inEdges.map((e, k) => {
        const kept = keptWindows(e.shape, historyOf(h, k), consumed);
        h.history[k] = kept;
        return kept.map((w) => w.toBytes());
      });
      return { unit: h.unit.spec.id, step: consumed, engine: h.unit.engine.snapshot(), inEdges };
    });
    return { step: this.until, units };
  }

  /** Stops everything; frees the engines unless `keepEngines` (their owner reuses them). */
  close(keepEngines = false): void {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.loop?.stop();
    this.subscriptions.unsubscribe();
    if (!keepEngines) for (const h of this.hosted) h.unit.engine.dispose();
  }

  private settle(): void {
    const loop = this.loop;
    if (loop === undefined || !loop.quiet || this.reported) return;
    if (loop.finished) {
      if (!this.allArrived()) return;
      this.reported = true;
      this.flush();
      const runSeconds = (performance.now() - this.runStart) / 1000;
      this.sampleMemory();
      this.emit({
        type: "done",
        stats: this.hosted.map((h) => unitStats(h)),
        runSeconds,
        runCpuSeconds: (this.cpu?.() ?? NaN) - this.cpuStart,
        peakMemoryBytes: this.peakMemory,
      });
      return;
    }
    if (
      this.hosted.every(
        (h) =>
          h.actor.t >= h.actor.limit &&
          h.unit.spec.inEdges.every((e, k) => numAt(h.through, k) >= Math.min(e.senderSteps, Math.floor(this.until / e.shape.fromMultiple))),
      )
    ) {
      this.reported = true;
      this.flush();
      this.emit({ type: "paused", step: this.until });
    }
  }

  /** Whether every window sent to this host's units has arrived (exactly once per window per edge). */
  private allArrived(): boolean {
    return this.hosted.every((h) => h.unit.spec.inEdges.every((e, k) => numAt(h.through, k) >= e.senderSteps));
  }

  private probes(actor: UnitActor, windows: readonly Window[]): void {
    const h = this.hosted.find((x) => x.actor === actor);
    if (h === undefined) throw new InternalError(`UnitHost: probe windows of unit '${actor.shape.name}', which this host does not run`);
    windows.forEach((w, probe) => {
      const key = `${h.unit.spec.id}:${probe}`;
      let entry = this.pending.get(key);
      if (entry === undefined) this.pending.set(key, (entry = { unit: h.unit.spec.id, probe, windows: [] }));
      entry.windows.push(w);
    });
    const now = performance.now();
    if (now - this.lastFlush >= this.params.probeFlushMs) this.flush();
  }

  private sampleMemory(): void {
    if (this.memory === undefined) return;
    const m = this.memory();
    if (!(m <= this.peakMemory)) this.peakMemory = m;
  }

  private flush(): void {
    this.lastFlush = performance.now();
    this.sampleMemory();
    for (const entry of this.pending.values())
      if (entry.windows.length > 0) this.emit({ type: "probes", unit: entry.unit, probe: entry.probe, windows: [joined(entry.windows.splice(0)).toBytes()] });
  }

  private fail(error: unknown): void {
    if (this.loop?.stopped === true) return;
    this.loop?.stop();
    this.flush();
    const e = error instanceof CouplingError ? error : undefined;
    const failing = this.hosted.find((h) => h.actor.shape.name === e?.subsystem);
    this.emit({
      type: "failed",
      message: error instanceof Error ? error.message : String(error),
      ...(failing !== undefined ? { unit: failing.unit.spec.id } : {}),
      ...(e?.subsystem !== undefined ? { subsystem: e.subsystem } : {}),
      ...(e?.step !== undefined ? { step: e.step } : {}),
    });
  }
}

/**
 * Contiguous windows (a probe's, in order) as one: a flush sends one window per probe, whatever the
 * number of windows the unit ran, so the coordinator decodes and emits one.
 */
export function joined(windows: readonly Window[]): Window {
  const first = windows[0];
  if (windows.length === 1 && first !== undefined) return first;
  if (first === undefined) throw new CouplingError("joined: no windows (a bug in the coupler)");
  let steps = 0;
  for (const w of windows) {
    if (w.start !== first.start + steps || w.dims !== first.dims)
      throw new CouplingError(`joined: a window of steps ${w.start}..${w.end} does not follow step ${first.start + steps - 1} (a bug in the coupler)`);
    steps += w.steps;
  }
  const data = new Float64Array(steps * first.dims);
  let at = 0;
  for (const w of windows) {
    data.set(w.data, at);
    at += w.data.length;
  }
  return new Window(first.start, steps, first.dims, data);
}

/** The windows kept for snapshots of in-edge `k` of `h` (one list per in-edge, made at load). */
function historyOf(h: HostedActor, k: number): Window[] {
  const history = h.history[k];
  if (history === undefined) throw new InternalError(`UnitHost: unit '${h.actor.shape.name}' has no in-edge ${k}`);
  return history;
}

/** Restores a unit's engine; bytes of another plan are refused naming the unit. */
function restoreEngine(unit: HostedUnit, bytes: Uint8Array): void {
  try {
    unit.engine.restore(bytes);
  } catch (cause) {
    const name = unit.spec.shape.name;
    throw new SnapshotError(
      `${unit.spec.shape.fused ? "Fused subsystems" : "Subsystem"} '${name}': its state in the snapshot does not fit (its network, parameters or seed differ from those it was taken of): ${cause instanceof Error ? cause.message : String(cause)}`,
      { label: name, cause },
    );
  }
}

/**
 * How many base steps a receiver may consume before it tells the sender (a credit): half the
 * edge's slack beyond its delay and rates, less a sender's step, so that a sender that knows only
 * the steps told can still always send every step the receiver needs next and reach any boundary
 * the receiver pauses at (the bound on steps in flight is unchanged). Telling every window would
 * cost a message, and often a wake-up of the sender's thread, per window; with the default
 * `bufferSteps` (1024) a credit goes every ~500 steps.
 */
export function creditLag(shape: EdgeShape): number {
  const slack = shape.capacitySteps - shape.delaySteps - shape.fromMultiple - shape.toMultiple;
  return Math.max(0, Math.floor((slack - 2 * shape.fromMultiple) / 2));
}

/**
 * The most steps of a window for the units of a host: `maxWindowSteps`, and at most half the delay
 * (in the unit's steps) of any edge of 2 or more steps between one of its units and another host.
 * A unit whose windows were as long as a loop's delay would run in lockstep with its peer, each
 * waiting for the other's window to cross before it can start its next (the hop's latency, and on
 * a busy machine the time to get a core back, on every window's path); with half, the window it
 * sends crosses while the peer still computes the one before, and neither waits. The results do
 * not depend on window lengths.
 */
export function pipelinedWindowSteps(units: readonly Pick<UnitSpec, "id" | "shape" | "inEdges" | "outEdges">[], maxWindowSteps: number): number {
  const here = new Set(units.map((u) => u.id));
  let most = maxWindowSteps;
  for (const u of units) {
    const m = u.shape.multiple;
    const remote = [
      ...u.inEdges.filter((e) => !here.has(e.from)).map((e) => e.shape.delaySteps),
      ...u.outEdges.filter((e) => !here.has(e.to)).map((e) => e.shape.delaySteps),
    ];
    for (const delay of remote) if (delay >= 2) most = Math.min(most, Math.max(1, Math.floor(delay / (2 * m))));
  }
  return most;
}

function unitStats(h: HostedActor): HostUnitStats {
  const s = h.actor.stats;
  return {
    unit: h.unit.spec.id,
    runs: s.runs,
    steps: s.steps,
    maxWindowSteps: s.maxWindowSteps,
    sent: h.sent.map((e) => ({ windows: e.sentWindows, steps: e.sentSteps, maxAhead: e.maxAheadSteps })),
    received: h.received.map((e) => ({ windows: e.receivedWindows, steps: e.receivedSteps })),
  };
}
