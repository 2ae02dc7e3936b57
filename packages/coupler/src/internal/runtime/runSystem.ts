import { CouplingError } from "@plexus/core";
import { Observable, Subscription, type SchedulerLike } from "rxjs";
import { averageRate } from "../../operators/averageRate.js";
import { delaySteps } from "../../operators/delaySteps.js";
import { holdRate } from "../../operators/holdRate.js";
import { holdUpsample } from "../../operators/holdUpsample.js";
import type { OutputWindow } from "../../OutputWindow.js";
import type { RunStats, EdgeStats, UnitStats } from "../../RunStats.js";
import type { Link, Transport } from "../../Transport.js";
import { Window } from "../../Window.js";
import { edgeName, portName, unitDt, type EdgeSpec, type InputSpec, type SystemModel } from "../model.js";
import { EdgeBuffer } from "./EdgeBuffer.js";
import type { UnitPlan } from "./planUnits.js";
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

interface OutLink {
  readonly edge: EdgeSpec;
  readonly link: Link;
  readonly port: number;
  readonly consumer: UnitState;
  /** Base steps the sender may be ahead of the receiver. */
  readonly cap: number;
  readonly stats: EdgeStats;
}

interface UnitState {
  readonly plan: UnitPlan;
  readonly m: number;
  readonly total: number;
  engine: UnitEngine | null;
  t: number;
  scheduled: boolean;
  readonly buffers: EdgeBuffer[];
  readonly outLinks: OutLink[];
  readonly producers: UnitState[];
  readonly outDims: number[];
  readonly probeDims: number[];
  readonly stats: UnitStats;
}

interface StreamState {
  readonly input: InputSpec;
  readonly unit: UnitState;
  readonly buffer: EdgeBuffer;
  /** Base steps received. */
  received: number;
  complete: boolean;
}

/**
 * Runs the units of a system, each as an actor on the scheduler: a unit runs a window as soon as
 * every input has delivered its steps and every receiver has room, then sends one window per
 * outgoing edge. Results depend only on the wiring, never on the order the units run in.
 */
export function runSystem(model: SystemModel, plans: readonly UnitPlan[], settings: RunSettings, stats: RunStats): Observable<OutputWindow> {
  return new Observable<OutputWindow>((subscriber) => {
    const subscriptions = new Subscription();
    const pending = new Set<Subscription>();
    const units: UnitState[] = [];
    const streams: StreamState[] = [];
    let stopped = false;
    let starting = true;
    let booting = false;
    let scheduledCount = 0;
    /** A unit's window is being computed (deliveries it causes must not conclude anything yet). */
    let running = false;
    let runStart = performance.now();
    let cpuStart = cpuSeconds();
    let inFlight = 0;
    const dtBase = model.dt;

    const fail = (error: unknown): void => {
      if (stopped) return;
      stopped = true;
      stats.runSeconds = (performance.now() - runStart) / 1000;
      stats.runCpuSeconds = cpuSeconds() - cpuStart;
      subscriber.error(error);
    };

    // --- units and their engines
    for (const plan of plans) {
      const m = plan.multiple;
      const unitStats: UnitStats = { unit: plan.name, runs: 0, steps: 0, maxWindowSteps: 0 };
      stats.units.push(unitStats);
      units.push({
        plan,
        m,
        total: Math.floor(settings.steps / m),
        engine: null,
        t: 0,
        scheduled: false,
        buffers: [
          ...plan.inEdges.map((e) => new EdgeBuffer(edgeName(e), e.from.port.dimensions)),
          ...plan.streamInputs.map((i) => new EdgeBuffer(`input ${portName(i.to)}`, i.to.port.dimensions)),
        ],
        outLinks: [],
        producers: [],
        outDims: plan.outPorts.map((o) => o.port.dimensions),
        probeDims: plan.probes.map((p) => p.target.port.dimensions),
        stats: unitStats,
      });
    }
    const unitOfEntry = new Map<number, UnitState>();
    for (const u of units) for (const e of u.plan.members) unitOfEntry.set(e.index, u);

    const buildStart = performance.now();
    const release = (): void => {
      for (const u of units) {
        if (u.engine !== null) settings.engines.release(u.plan, u.engine);
        u.engine = null;
      }
    };
    try {
      for (const u of units) u.engine = settings.engines.acquire(u.plan, model);
    } catch (error) {
      release();
      subscriber.error(error);
      return undefined;
    }
    stats.buildSeconds = (performance.now() - buildStart) / 1000;
    subscriptions.add(release);

    // --- edges: sender -> transport -> (hold up, delay, rate) -> receiver's buffer
    for (const producer of units) {
      for (const edge of producer.plan.outEdges) {
        const consumer = unitOfEntry.get(edge.to.entry.index)!;
        const name = edgeName(edge);
        const link = settings.transport.open(name);
        const slot = consumer.plan.inEdges.indexOf(edge);
        const buffer = consumer.buffers[slot]!;
        const cap = edge.delaySteps + producer.m + consumer.m + settings.bufferSteps;
        const edgeStats: EdgeStats = { edge: name, sentWindows: 0, sentSteps: 0, receivedWindows: 0, receivedSteps: 0, capacitySteps: cap, maxAheadSteps: 0 };
        stats.edges.push(edgeStats);
        producer.outLinks.push({ edge, link, port: producer.plan.outPorts.findIndex((o) => o.entry === edge.from.entry && o.port === edge.from.port), consumer, cap, stats: edgeStats });
        if (!consumer.producers.includes(producer)) consumer.producers.push(producer);
        const counted = new Observable<Window>((s) =>
          link.windows.subscribe({
            next: (w) => {
              inFlight--;
              edgeStats.receivedWindows++;
              edgeStats.receivedSteps += w.steps;
              s.next(w);
            },
            error: (e: unknown) => s.error(e),
            complete: () => s.complete(),
          }),
        );
        const rate = edge.rate === "average" ? averageRate(consumer.m) : holdRate(consumer.m);
        subscriptions.add(
          counted.pipe(holdUpsample(producer.m, edge.from.port.dimensions), delaySteps(edge.delaySteps, edge.from.port.dimensions), rate).subscribe({
            next: (w) => {
              try {
                buffer.push(w);
              } catch (error) {
                fail(error);
                return;
              }
              poke(consumer);
              if (inFlight === 0) checkStalled();
            },
            error: (e: unknown) => fail(e),
          }),
        );
      }
    }

    // --- observable inputs: base-step values -> rate -> the unit's buffer (subscribed once the
    // units can run, so that a synchronous source drives them as it emits)
    for (const u of units) {
      u.plan.streamInputs.forEach((input, k) => {
        streams.push({ input, unit: u, buffer: u.buffers[u.plan.inEdges.length + k]!, received: 0, complete: false });
      });
    }
    const subscribeInput = (st: StreamState): void => {
      const { input, unit: u, buffer } = st;
      const name = `input ${portName(input.to)}`;
      const label = portName(input.to);
      const dims = input.to.port.dimensions;
      const values = input.values;
      if (values.kind !== "observable") return;
      const base = new Observable<Window>((s) =>
        values.source.subscribe({
          next: (v) => {
            let w: Window;
            if (v instanceof Window) {
              if (v.dims !== dims || v.start !== st.received + 1) {
                const what = v.dims !== dims ? `${v.dims} values per step, expected ${dims}` : `steps ${v.start}..${v.end}, expected a window from step ${st.received + 1}`;
                s.error(new CouplingError(`${name}: the observable sent a window of ${what}`, { label }));
                return;
              }
              w = v;
            } else {
              const arr = typeof v === "number" ? [v] : v;
              if (arr.length !== dims) {
                s.error(new CouplingError(`${name}: the observable sent a value of ${arr.length} entries, expected ${dims}`, { label }));
                return;
              }
              w = new Window(st.received + 1, 1, dims, Float64Array.from(arr));
            }
            st.received += w.steps;
            const ahead = st.received - u.t * u.m;
            if (ahead > settings.inputBufferSteps) {
              s.error(
                new CouplingError(
                  `${name}: the observable is ${ahead} base steps ahead of ${u.plan.name} (at most ${settings.inputBufferSteps}); pace it (e.g. with a scheduler) or raise inputBufferSteps`,
                  { label },
                ),
              );
              return;
            }
            s.next(w);
          },
          error: (e: unknown) => s.error(e),
          complete: () => {
            st.complete = true;
            s.complete();
          },
        }),
      );
      const rate = u.m === 1 ? (o: Observable<Window>): Observable<Window> => o : holdRate(u.m);
      subscriptions.add(
        base.pipe(rate).subscribe({
          next: (w) => {
            try {
              buffer.push(w);
            } catch (error) {
              fail(error);
              return;
            }
            poke(u);
          },
          error: (e: unknown) => fail(e),
          complete: () => checkStalled(),
        }),
      );
    };

    // --- scheduling
    function windowFor(u: UnitState): number {
      let w = Math.min(u.total - u.t, settings.maxWindowSteps);
      for (const b of u.buffers) w = Math.min(w, b.through - u.t);
      for (const o of u.outLinks) w = Math.min(w, Math.floor((o.cap + o.consumer.t * o.consumer.m) / u.m) - u.t);
      return w;
    }

    function poke(u: UnitState): void {
      if (stopped || starting || u.scheduled || windowFor(u) < 1) return;
      u.scheduled = true;
      scheduledCount++;
      const delay = settings.unitDelay?.(u.plan.name, u.stats.runs) ?? 0;
      let done = false;
      let action: Subscription | null = null;
      action = settings.scheduler.schedule(() => {
        done = true;
        if (action !== null) pending.delete(action);
        u.scheduled = false;
        scheduledCount--;
        if (stopped) return;
        running = true;
        try {
          runWindow(u);
        } finally {
          running = false;
        }
        checkStalled();
      }, delay);
      // A synchronous scheduler may have run it already.
      if (!done) pending.add(action);
    }

    function finished(): boolean {
      return units.every((u) => u.t >= u.total);
    }

    function checkStalled(): void {
      if (stopped || starting || booting || running) return;
      if (finished()) {
        // every window sent is delivered before the run ends (exactly once per window per edge)
        if (inFlight > 0) return;
        stopped = true;
        stats.runSeconds = (performance.now() - runStart) / 1000;
        stats.runCpuSeconds = cpuSeconds() - cpuStart;
      stats.runCpuSeconds = cpuSeconds() - cpuStart;
        for (const u of units) for (const o of u.outLinks) o.link.close();
        subscriber.complete();
        return;
      }
      if (scheduledCount > 0 || inFlight > 0) return;
      const waiting = streams.filter((s) => !s.complete);
      if (waiting.length > 0) return; // more input will come
      const starved = streams.filter((s) => s.complete && s.buffer.through < s.unit.total);
      if (starved.length > 0) {
        const s = starved[0]!;
        fail(
          new CouplingError(
            `input ${portName(s.input.to)}: the observable completed after ${s.received} base steps, but the run needs ${settings.steps}; give it at least as many steps as the run`,
            { label: portName(s.input.to) },
          ),
        );
        return;
      }
      const at = units.map((u) => `${u.plan.name} at step ${u.t}/${u.total}`).join(", ");
      fail(new CouplingError(`the coupled system stalled (${at}); this is a bug in the coupler's schedule`));
    }

    function runWindow(u: UnitState): void {
      const w = windowFor(u);
      if (w < 1) return;
      const engine = u.engine!;
      const t0 = u.t;
      const outs = u.outDims.map((d) => new Float64Array(w * d));
      const buffers = u.buffers;
      const nb = buffers.length;
      let s = t0 + 1;
      try {
        for (; s <= t0 + w; s++) {
          for (let k = 0; k < nb; k++) {
            const b = buffers[k]!;
            const win = b.at(s);
            engine.write(k, win.data, (s - win.start) * b.dims);
          }
          engine.step();
          const r = s - t0 - 1;
          for (let j = 0; j < outs.length; j++) engine.readOut(j, outs[j]!, r * u.outDims[j]!);
        }
      } catch (cause) {
        const done = s - t0 - 1;
        if (done > 0) emitProbes(u, t0, done);
        u.t = t0 + done;
        const label = u.plan.name;
        const where = u.m === 1 ? `step ${s} (t = ${fmt(s * dtBase)} s)` : `its step ${s} (base step ${s * u.m}, t = ${fmt(s * u.m * dtBase)} s)`;
        const what = u.plan.members.length === 1 ? `Subsystem '${label}'` : `Fused subsystems '${label}'`;
        const reason = cause instanceof Error ? cause.message : String(cause);
        fail(new CouplingError(`${what} failed at ${where}: ${reason}; probe data up to step ${s - 1} is kept`, { label, cause }));
        return;
      }
      u.t = t0 + w;
      u.stats.runs++;
      u.stats.steps += w;
      if (w > u.stats.maxWindowSteps) u.stats.maxWindowSteps = w;
      emitProbes(u, t0, w);
      const sent: Window[] = outs.map((data, j) => new Window(t0 + 1, w, u.outDims[j]!, data));
      for (const o of u.outLinks) {
        const ahead = u.t * u.m - o.consumer.t * o.consumer.m;
        if (ahead > o.stats.maxAheadSteps) o.stats.maxAheadSteps = ahead;
        o.stats.sentWindows++;
        o.stats.sentSteps += w;
        inFlight++;
        o.link.send(sent[o.port]!);
        if (stopped) return;
      }
      poke(u);
      for (const p of u.producers) poke(p);
    }

    function emitProbes(u: UnitState, t0: number, steps: number): void {
      const dt = unitDt(dtBase, u.plan.members, u.m);
      u.plan.probes.forEach((p, i) => {
        const d = u.probeDims[i]!;
        const values = new Float64Array(steps * d);
        u.engine!.readProbe(i, steps, values);
        subscriber.next({ probe: p.name, window: new Window(t0 + 1, steps, d, values), dt });
      });
    }

    starting = false;
    runStart = performance.now();
    cpuStart = cpuSeconds();
    // A synchronous scheduler runs the first unit poked at once: no verdict before all are poked.
    booting = true;
    for (const u of units) poke(u);
    for (const st of streams) if (!stopped) subscribeInput(st);
    booting = false;
    checkStalled();
    return () => {
      stopped = true;
      for (const a of pending) a.unsubscribe();
      pending.clear();
      subscriptions.unsubscribe();
    };
  });
}

/** User + system CPU time of this process (s), or NaN where there is no `process.cpuUsage`. */
function cpuSeconds(): number {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (p?.cpuUsage === undefined) return NaN;
  const u = p.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function fmt(t: number): string {
  return Number(t.toPrecision(12)).toString();
}
