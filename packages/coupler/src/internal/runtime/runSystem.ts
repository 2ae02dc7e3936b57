import { CouplingError } from "@plexus/core";
import { Observable, type SchedulerLike, Subscription } from "rxjs";
import type { OutputWindow } from "../../OutputWindow.js";
import type { RunStats } from "../../RunStats.js";
import type { Transport } from "../../Transport.js";
import { edgeName, portName, type SystemModel } from "../model.js";
import { ActorLoop } from "./ActorLoop.js";
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
    const subscriptions = new Subscription();
    const buildStart = performance.now();
    const engines: { plan: UnitPlan; engine: UnitEngine }[] = [];
    const release = (): void => {
      for (const { plan, engine } of engines) settings.engines.release(plan, engine);
      engines.length = 0;
    };
    try {
      for (const plan of plans) engines.push({ plan, engine: settings.engines.acquire(plan, model) });
    } catch (error) {
      release();
      subscriber.error(error);
      return undefined;
    }
    stats.buildSeconds = (performance.now() - buildStart) / 1000;
    subscriptions.add(release);
    const units = engines.map(({ plan, engine }) => ({
      plan,
      actor: new UnitActor(unitShape(plan, model), engine, Math.floor(settings.steps / plan.multiple)),
    }));
    const actors = units.map((u) => u.actor);
    for (const a of actors) stats.units.push(a.stats);

    let runStart = performance.now();
    let cpuStart = cpuSeconds();
    let inFlight = 0;
    const streams: (StreamState & { readonly unit: UnitActor; readonly buffer: EdgeBuffer })[] = [];
    const outs = new Map<UnitActor, OutEdge[]>();
    const consumed = new Map<UnitActor, (() => void)[]>();
    const end = (): void => {
      loop.stop();
      stats.runSeconds = (performance.now() - runStart) / 1000;
      stats.runCpuSeconds = cpuSeconds() - cpuStart;
    };
    const fail = (error: unknown): void => {
      if (loop.stopped) return;
      end();
      subscriber.error(error);
    };
    const checkStalled = (): void => {
      if (!loop.quiet) return;
      if (loop.finished) {
        // every window sent is delivered before the run ends (exactly once per window per edge)
        if (inFlight > 0) return;
        end();
        for (const list of outs.values()) for (const o of list) o.link.close();
        subscriber.complete();
        return;
      }
      if (loop.scheduled > 0 || inFlight > 0) return;
      if (streams.some((s) => !s.complete)) return; // more input will come
      const starved = streams.find((s) => s.complete && s.buffer.through < s.unit.total);
      if (starved !== undefined) {
        const label = portName(starved.input.to);
        fail(
          new CouplingError(
            `input ${label}: the observable completed after ${starved.received} base steps, but the run needs ${settings.steps}; give it at least as many steps as the run`,
            { label },
          ),
        );
        return;
      }
      const at = actors.map((u) => `${u.shape.name} at step ${u.t}/${u.total}`).join(", ");
      fail(new CouplingError(`the coupled system stalled (${at}); this is a bug in the coupler's schedule`));
    };
    const loop = new ActorLoop(actors, outs, consumed, settings, {
      probes: (actor, windows) => {
        windows.forEach((window, i) => {
          const probe = actor.shape.probes[i];
          if (probe === undefined)
            throw new CouplingError(`${actor.shape.name}: a window for probe ${i}, which it does not record`, { label: actor.shape.name });
          subscriber.next({ probe: probe.name, window, dt: actor.shape.dt });
        });
      },
      sending: () => {
        inFlight++;
      },
      failed: fail,
      settled: checkStalled,
    });

    subscriptions.add(
      wireEdges(units, settings, stats, outs, consumed, {
        arrived: () => {
          inFlight--;
        },
        delivered: (consumer) => {
          loop.poke(consumer);
          if (inFlight === 0) checkStalled();
        },
        failed: fail,
        poke: (u) => loop.poke(u),
      }),
    );

    // observable inputs: subscribed once the units can run, so that a synchronous source drives them as it emits
    for (const { plan, actor: u } of units) {
      plan.streamInputs.forEach((input, k) => {
        const buffer = u.buffers[plan.inEdges.length + k];
        if (buffer === undefined) throw new CouplingError(`input ${portName(input.to)}: its unit has no slot for it (a bug in the coupler)`);
        streams.push({
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
    runStart = performance.now();
    cpuStart = cpuSeconds();
    // A synchronous scheduler runs the first unit poked at once: no verdict before all are poked.
    loop.start();
    for (const st of streams) {
      if (loop.stopped) break;
      const sub = subscribeStream(st, settings.inputBufferSteps, { delivered: () => loop.poke(st.unit), failed: fail, completed: checkStalled });
      if (sub !== undefined) subscriptions.add(sub);
    }
    loop.booting = false;
    checkStalled();
    return () => {
      loop.stop();
      subscriptions.unsubscribe();
    };
  });
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

/** User + system CPU time of this process (s), or NaN where there is no `process.cpuUsage`. */
function cpuSeconds(): number {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (p?.cpuUsage === undefined) return NaN;
  const u = p.cpuUsage();
  return (u.user + u.system) / 1e6;
}
