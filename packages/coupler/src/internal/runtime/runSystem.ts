import { CouplingError } from "@plexus/core";
import { asyncScheduler, Observable, type SchedulerLike, type Subscriber, Subscription } from "rxjs";
import type { OutputWindow } from "../../OutputWindow.js";
import type { RunStats } from "../../RunStats.js";
import type { Transport } from "../../Transport.js";
import type { Window } from "../../Window.js";
import { edgeName, portName, type SystemModel } from "../model.js";
import { ActorLoop } from "./ActorLoop.js";
import { processCpuSeconds } from "./cpuSeconds.js";
import { edgeShape, unitShape } from "./describeShapes.js";
import type { EdgeBuffer } from "./EdgeBuffer.js";
import { edgeStats, OutEdge, receiveEdge } from "./EdgeLink.js";
import type { UnitPlan } from "./planUnits.js";
import { type StreamState, subscribeStream } from "./streamInput.js";
import { UnitActor } from "./UnitActor.js";
import type { EnginePool, UnitEngine } from "./UnitEngine.js";

export interface RunSettings {
  /** Base steps to run. */
  readonly steps: number;
  readonly scheduler: SchedulerLike;
  /** Scheduler delay before a unit's `run`-th window (to vary the interleaving; default 0). */
  readonly unitDelay: ((unit: string, run: number) => number) | undefined;
  readonly transport: Transport;
  /** Most steps (of the unit) in one window. */
  readonly maxWindowSteps: number;
  /** Base steps a sender may run ahead of a receiver beyond the edge's delay. */
  readonly bufferSteps: number;
  /** Base steps an observable input may run ahead of its unit before that is an error. */
  readonly inputBufferSteps: number;
  /** Real-time ms the run may wait on observable inputs that send nothing before that is an error (Infinity: no limit). */
  readonly inputTimeoutMs: number;
  readonly engines: EnginePool;
}

/**
 * Runs the units of a system in this thread: one {@link UnitActor} per unit, its edges as links
 * of the transport (see {@link receiveEdge}, {@link OutEdge}), its observable inputs subscribed,
 * all on one {@link ActorLoop}. Emits each probe's windows as they are computed; completes when
 * every unit has run its steps and every window sent has been delivered.
 */
export function runSystem(model: SystemModel, plans: readonly UnitPlan[], settings: RunSettings, stats: RunStats): Observable<OutputWindow> {
  return new Observable<OutputWindow>((subscriber) => {
    const buildStart = performance.now();
    const engines = acquireEngines(model, plans, settings.engines);
    if ("failed" in engines) {
      subscriber.error(engines.failed);
      return undefined;
    }
    stats.buildSeconds = (performance.now() - buildStart) / 1000;
    const run = new LocalRun(model, engines.units, settings, stats, subscriber);
    run.subscriptions.add(engines.release);
    run.start();
    return () => run.stop();
  });
}

interface Unit {
  readonly plan: UnitPlan;
  readonly actor: UnitActor;
}

/** An observable input as this thread feeds it: its state, its unit and the unit's slot for it. */
type LocalStream = StreamState & { readonly unit: UnitActor; readonly buffer: EdgeBuffer };

/**
 * Every unit's engine from the pool, and how to give
 * the engines back; when one cannot be made, those made are given back and its error is returned
 * (`failed`) for the subscriber.
 */
function acquireEngines(
  model: SystemModel,
  plans: readonly UnitPlan[],
  pool: EnginePool,
): { readonly units: readonly { plan: UnitPlan; engine: UnitEngine }[]; readonly release: () => void } | { readonly failed: unknown } {
  const engines: { plan: UnitPlan; engine: UnitEngine }[] = [];
  const release = (): void => {
    for (const { plan, engine } of engines) pool.release(plan, engine);
    engines.length = 0;
  };
  try {
    for (const plan of plans) engines.push({ plan, engine: pool.acquire(plan, model) });
  } catch (error) {
    release();
    return { failed: error };
  }
  return { units: engines, release };
}

/** One run in this thread: its actors on one loop, its edges wired, its streams subscribed; ends once (complete or error). */
class LocalRun {
  readonly subscriptions = new Subscription();
  private readonly units: readonly Unit[];
  private readonly actors: readonly UnitActor[];
  private readonly streams: LocalStream[] = [];
  private readonly outs = new Map<UnitActor, OutEdge[]>();
  private readonly consumed = new Map<UnitActor, (() => void)[]>();
  private readonly loop: ActorLoop;
  private inFlight = 0;
  /** Armed while every unit waits on an observable input (see {@link awaitInput}). */
  private inputTimer: Subscription | undefined;
  private runStart = performance.now();
  private cpuStart = processCpuSeconds();

  constructor(
    model: SystemModel,
    engines: readonly { plan: UnitPlan; engine: UnitEngine }[],
    private readonly settings: RunSettings,
    private readonly stats: RunStats,
    private readonly subscriber: Subscriber<OutputWindow>,
  ) {
    this.units = engines.map(({ plan, engine }) => ({
      plan,
      actor: new UnitActor(unitShape(plan, model), engine, Math.floor(settings.steps / plan.multiple)),
    }));
    this.actors = this.units.map((u) => u.actor);
    for (const a of this.actors) stats.units.push(a.stats);
    this.loop = new ActorLoop(this.actors, this.outs, this.consumed, settings, {
      probes: (actor, windows) => this.probes(actor, windows),
      sending: () => {
        this.inFlight++;
      },
      failed: (error) => this.fail(error),
      settled: () => this.checkStalled(),
    });
  }

  /** Wires the edges, lets the units run and subscribes the observable inputs. */
  start(): void {
    const loop = this.loop;
    this.subscriptions.add(
      wireEdges(this.units, this.settings, this.stats, this.outs, this.consumed, {
        arrived: () => {
          this.inFlight--;
        },
        delivered: (consumer) => {
          loop.poke(consumer);
          if (this.inFlight === 0) this.checkStalled();
        },
        failed: (error) => this.fail(error),
        poke: (u) => loop.poke(u),
      }),
    );
    this.collectStreams();
    this.runStart = performance.now();
    this.cpuStart = processCpuSeconds();
    // A synchronous scheduler runs the first unit poked at once: no verdict before all are poked.
    loop.start();
    // observable inputs: subscribed once the units can run, so that a synchronous source drives them as it emits
    for (const st of this.streams) {
      if (loop.stopped) break;
      const sub = subscribeStream(st, this.settings.inputBufferSteps, {
        delivered: () => {
          this.disarmInputTimer();
          loop.poke(st.unit);
        },
        failed: (error) => this.fail(error),
        completed: () => this.checkStalled(),
      });
      if (sub !== undefined) this.subscriptions.add(sub);
    }
    loop.booting = false;
    this.checkStalled();
  }

  /** The teardown: stops the loop and every subscription (the engines go back to the pool). */
  stop(): void {
    this.loop.stop();
    this.subscriptions.unsubscribe();
  }

  private collectStreams(): void {
    for (const { plan, actor: u } of this.units) {
      plan.streamInputs.forEach((input, k) => {
        const buffer = u.buffers[plan.inEdges.length + k];
        if (buffer === undefined) throw new CouplingError(`input ${portName(input.to)}: its unit has no slot for it (a bug in the coupler)`);
        this.streams.push({
          input,
          unit: u,
          buffer,
          unitName: u.shape.name,
          multiple: u.shape.multiple,
          consumed: () => u.t * u.shape.multiple,
          push: (w) => buffer.push(w),
          received: 0,
          complete: false,
        });
      });
    }
  }

  /**
   * Every unit waits on an observable input: one that sends nothing for `inputTimeoutMs` (real
   * time, whatever the run's scheduler) ends the run, rather than leaving it pending forever.
   */
  private awaitInput(): void {
    const ms = this.settings.inputTimeoutMs;
    if (this.inputTimer !== undefined || ms === Infinity) return;
    this.inputTimer = asyncScheduler.schedule(() => {
      this.inputTimer = undefined;
      const waiting = this.streams.filter((s) => !s.complete && s.buffer.through < s.unit.total);
      const first = waiting[0];
      if (first === undefined) return;
      const label = portName(first.input.to);
      const names = waiting.map((s) => `input ${portName(s.input.to)} (after ${s.received} base steps)`).join(", ");
      this.fail(
        new CouplingError(
          `${names}: the observable sent nothing for ${ms} ms while the run waited on it (${this.settings.steps} base steps to run); the probe data up to then is kept; make it send, or raise inputTimeoutMs (Infinity waits forever)`,
          { label, subsystem: first.input.to.entry.key },
        ),
      );
    }, ms);
    this.subscriptions.add(this.inputTimer);
  }

  private disarmInputTimer(): void {
    if (this.inputTimer === undefined) return;
    this.subscriptions.remove(this.inputTimer);
    this.inputTimer.unsubscribe();
    this.inputTimer = undefined;
  }

  private probes(actor: UnitActor, windows: readonly Window[]): void {
    windows.forEach((window, i) => {
      const probe = actor.shape.probes[i];
      if (probe === undefined) throw new CouplingError(`${actor.shape.name}: a window for probe ${i}, which it does not record`, { label: actor.shape.name });
      this.subscriber.next({ probe: probe.name, window, dt: actor.shape.dt });
    });
  }

  private end(): void {
    this.loop.stop();
    this.stats.runSeconds = (performance.now() - this.runStart) / 1000;
    this.stats.runCpuSeconds = processCpuSeconds() - this.cpuStart;
  }

  private fail(error: unknown): void {
    if (this.loop.stopped) return;
    this.end();
    this.subscriber.error(error);
  }

  /** Once nothing runs: complete when every unit is done and every window delivered; else fail if nothing can come that lets a unit go on. */
  private checkStalled(): void {
    const loop = this.loop;
    if (!loop.quiet) return;
    if (loop.finished) {
      // every window sent is delivered before the run ends (exactly once per window per edge)
      if (this.inFlight > 0) return;
      this.end();
      for (const list of this.outs.values()) for (const o of list) o.link.close();
      this.subscriber.complete();
      return;
    }
    if (loop.scheduled > 0 || this.inFlight > 0) return;
    if (this.streams.some((s) => !s.complete)) {
      this.awaitInput(); // more input will come, within inputTimeoutMs
      return;
    }
    const starved = this.streams.find((s) => s.complete && s.buffer.through < s.unit.total);
    if (starved !== undefined) {
      const label = portName(starved.input.to);
      this.fail(
        new CouplingError(
          `input ${label}: the observable completed after ${starved.received} base steps, but the run needs ${this.settings.steps}; give it at least as many steps as the run`,
          { label },
        ),
      );
      return;
    }
    const at = this.actors.map((u) => `${u.shape.name} at step ${u.t}/${u.total}`).join(", ");
    this.fail(new CouplingError(`the coupled system stalled (${at}); this is a bug in the coupler's schedule`));
  }
}

interface WireHooks {
  arrived(): void;
  delivered(consumer: UnitActor): void;
  failed(error: unknown): void;
  poke(u: UnitActor): void;
}

/**
 * Opens a link of the transport per edge: the sender's {@link OutEdge} (bounded by how far its
 * receiver has consumed) and the receiver's end into its buffer; a unit that consumed steps pokes
 * the units feeding it. Fills `outs` and `consumed`; returns the receivers' subscriptions.
 */
function wireEdges(
  units: readonly { readonly plan: UnitPlan; readonly actor: UnitActor }[],
  settings: RunSettings,
  stats: RunStats,
  outs: Map<UnitActor, OutEdge[]>,
  consumed: Map<UnitActor, (() => void)[]>,
  hooks: WireHooks,
): Subscription {
  const subscriptions = new Subscription();
  const unitOf = new Map<number, { readonly plan: UnitPlan; readonly actor: UnitActor }>();
  for (const unit of units) for (const e of unit.plan.members) unitOf.set(e.index, unit);
  const producers = new Map<UnitActor, UnitActor[]>();
  for (const { plan, actor: producer } of units) {
    for (const edge of plan.outEdges) {
      const to = unitOf.get(edge.to.entry.index);
      if (to === undefined)
        throw new CouplingError(`Wire ${edgeName(edge)}: its receiver is in no unit (a bug in the coupler's planning)`, { label: edgeName(edge) });
      const { actor: consumer, plan: consumerPlan } = to;
      const shape = edgeShape(edge, plan, consumerPlan, settings.bufferSteps);
      const link = settings.transport.open(shape.name);
      const es = edgeStats(shape);
      stats.edges.push(es);
      const output = plan.outPorts.findIndex((o) => o.entry === edge.from.entry && o.port === edge.from.port);
      const list = outs.get(producer) ?? [];
      list.push(new OutEdge(shape, link, output, () => consumer.t * consumer.shape.multiple, es));
      outs.set(producer, list);
      const feeding = producers.get(consumer) ?? [];
      if (!feeding.includes(producer)) feeding.push(producer);
      producers.set(consumer, feeding);
      const buffer = consumer.buffers[consumerPlan.inEdges.indexOf(edge)];
      if (buffer === undefined)
        throw new CouplingError(`Wire ${edgeName(edge)}: its receiver has no input slot for it (a bug in the coupler's planning)`, { label: edgeName(edge) });
      subscriptions.add(
        receiveEdge(shape, link, buffer, es, {
          arrived: hooks.arrived,
          delivered: () => hooks.delivered(consumer),
          failed: hooks.failed,
        }),
      );
    }
  }
  for (const [consumer, list] of producers)
    consumed.set(
      consumer,
      list.map((p) => () => hooks.poke(p)),
    );
  return subscriptions;
}
