import { CouplingError } from "@plexus/core";
import type { SchedulerLike, Subscription } from "rxjs";
import type { Window } from "../../Window.js";
import type { OutEdge } from "./EdgeLink.js";
import { type UnitActor, UnitFailure } from "./UnitActor.js";

export interface LoopSettings {
  readonly scheduler: SchedulerLike;
  /** Scheduler delay before a unit's `run`-th window (to vary the interleaving; default 0). */
  readonly unitDelay: ((unit: string, run: number) => number) | undefined;
  /** Most steps (of the unit) in one window. */
  readonly maxWindowSteps: number;
}

/** What the loop tells whoever runs it. */
export interface LoopHooks {
  /** A unit's probe windows (one per probe) for the steps it just ran. */
  probes(actor: UnitActor, windows: readonly Window[]): void;
  /** A window is about to be handed to an out-edge's link (a synchronous link delivers it within). */
  sending(edge: OutEdge): void;
  /** A unit failed (or something else stopped the run). */
  failed(error: unknown): void;
  /** A window ran: the owner may conclude (finished, stalled). */
  settled(): void;
}

/**
 * The scheduler loop of the actors of one host: a unit runs a window as soon as every slot has
 * its steps and every out-edge has room, on the scheduler; then its outputs go to its out-edges,
 * and the units it fed and the units feeding it (who may now have room) are poked. Results depend
 * only on the wiring, never on the order the units run in.
 */
export class ActorLoop {
  stopped = false;
  /** Whether units may run (pokes before are ignored: deliveries while links are set up). */
  started = false;
  /** Set while the run starts (nothing may conclude); the owner clears it when its inputs are subscribed. */
  booting = true;
  /** A unit's window is being computed (deliveries it causes must not conclude anything yet). */
  running = false;
  /** Windows scheduled and not yet run. */
  scheduled = 0;
  private readonly pending = new Set<Subscription>();

  constructor(
    readonly actors: readonly UnitActor[],
    /** Each actor's out-edges. */
    private readonly outs: ReadonlyMap<UnitActor, readonly OutEdge[]>,
    /** What to do when an actor has consumed steps (poke or tell its producers). */
    private readonly consumed: ReadonlyMap<UnitActor, readonly (() => void)[]>,
    private readonly settings: LoopSettings,
    private readonly hooks: LoopHooks,
  ) {}

  /** Lets units run and pokes every actor once; the owner clears `booting` once its inputs are subscribed. */
  start(): void {
    this.started = true;
    this.booting = true;
    for (const u of this.actors) this.poke(u);
  }

  get finished(): boolean {
    return this.actors.every((u) => u.done);
  }

  /** Whether a conclusion (finished, stalled) may be drawn now. */
  get quiet(): boolean {
    return this.started && !this.stopped && !this.booting && !this.running;
  }

  /** Steps `u` may run now (its inputs delivered, its receivers with room). */
  windowFor(u: UnitActor): number {
    let w = u.available(this.settings.maxWindowSteps);
    for (const o of this.outs.get(u) ?? []) w = Math.min(w, o.room(u.t));
    return w;
  }

  /** Schedules a window of `u` if it can run one and none is scheduled. */
  poke(u: UnitActor): void {
    if (this.stopped || !this.started || this.scheduledSet.has(u) || this.windowFor(u) < 1) return;
    this.scheduledSet.add(u);
    this.scheduled++;
    const delay = this.settings.unitDelay?.(u.shape.name, u.stats.runs) ?? 0;
    let done = false;
    let action: Subscription | null = null;
    action = this.settings.scheduler.schedule(() => {
      done = true;
      if (action !== null) this.pending.delete(action);
      this.scheduledSet.delete(u);
      this.scheduled--;
      if (this.stopped) return;
      this.running = true;
      try {
        this.runWindow(u);
      } finally {
        this.running = false;
      }
      this.hooks.settled();
    }, delay);
    // A synchronous scheduler may have run it already.
    if (!done) this.pending.add(action);
  }

  /** Stops: nothing scheduled runs any more. */
  stop(): void {
    this.stopped = true;
    for (const a of this.pending) a.unsubscribe();
    this.pending.clear();
  }

  private readonly scheduledSet = new Set<UnitActor>();

  private runWindow(u: UnitActor): void {
    const w = this.windowFor(u);
    if (w < 1) return;
    let result: ReturnType<UnitActor["run"]>;
    try {
      result = u.run(w);
    } catch (failure) {
      if (!(failure instanceof UnitFailure)) throw failure;
      if (failure.probes.length > 0) this.hooks.probes(u, failure.probes);
      this.hooks.failed(failure.error);
      return;
    }
    this.hooks.probes(u, result.probes);
    for (const o of this.outs.get(u) ?? []) {
      this.hooks.sending(o);
      const window = result.outputs[o.output];
      if (window === undefined) throw new CouplingError(`${u.shape.name}: no output ${o.output} for ${o.shape.name}`, { label: u.shape.name });
      o.send(window, u.t);
      if (this.stopped) return;
    }
    this.poke(u);
    for (const tell of this.consumed.get(u) ?? []) tell();
  }
}
