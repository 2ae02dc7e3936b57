import { CouplingError } from "@plexus/core";
import { elemAt, numAt } from "@plexus/core/runtime";
import type { UnitStats } from "../../RunStats.js";
import { Window } from "../../Window.js";
import { EdgeBuffer } from "./EdgeBuffer.js";
import type { UnitShape } from "./shapes.js";
import type { UnitEngine } from "./UnitEngine.js";

/** What one window of a unit produced: its outputs (one window per output) and probe data. */
export interface UnitWindow {
  readonly outputs: readonly Window[];
  /** One window per probe, in the unit's steps. */
  readonly probes: readonly Window[];
}

/** A unit's step failed: the CouplingError naming it and the step, and the probe data of the steps before. */
export class UnitFailure {
  constructor(
    readonly error: CouplingError,
    /** Probe windows of the steps that completed in the failed window (empty when none did). */
    readonly probes: readonly Window[],
  ) {}
}

/**
 * One unit as an actor: it consumes the windows delivered to its slots, steps its engine over a
 * window of steps, and returns the window of each output and each probe. It knows nothing about
 * where its outputs go or where its inputs come from (that is the edge links' business).
 */
export class UnitActor {
  /** Steps run (its own steps). */
  t = 0;
  /** Steps (its own) it may run to for now (a host pausing at a window boundary lowers it; default: all). */
  limit: number;
  /** One buffer per slot, in the shape's slot order. */
  readonly buffers: readonly EdgeBuffer[];
  readonly stats: UnitStats;

  constructor(
    readonly shape: UnitShape,
    readonly engine: UnitEngine,
    /** Steps (its own) to run in all. */
    readonly total: number,
  ) {
    this.limit = total;
    this.buffers = shape.slotDims.map((d, k) => new EdgeBuffer(shape.slotNames[k] ?? `${shape.name} input ${k}`, d));
    this.stats = { unit: shape.name, runs: 0, steps: 0, maxWindowSteps: 0 };
  }

  /** Steps it can run now: at most `limit`, as far as every slot has been delivered. */
  available(limit: number): number {
    let w = Math.min(Math.min(this.total, this.limit) - this.t, limit);
    for (const b of this.buffers) w = Math.min(w, b.through - this.t);
    return w;
  }

  get done(): boolean {
    return this.t >= this.total;
  }

  /**
   * Runs the next `w` steps (all delivered). @throws UnitFailure when a step throws (`t` then
   * counts the steps that completed)
   */
  run(w: number): UnitWindow {
    const { engine, shape, buffers } = this;
    const t0 = this.t;
    const outDims = shape.outDims;
    // plain indexed loops: this is the hot path of every placement, and V8 compiles it (with the
    // engine's step inlined) in a fresh worker while the run goes on; iterators and per-window
    // object literals made that code larger and deoptimised it once their maps changed
    const outs: Float64Array[] = [];
    for (let j = 0; j < outDims.length; j++) outs.push(new Float64Array(w * numAt(outDims, j)));
    let s = t0 + 1;
    try {
      for (; s <= t0 + w; s++) {
        for (let k = 0; k < buffers.length; k++) {
          const b = elemAt(buffers, k);
          const win = b.at(s);
          // (an int32: a window's start may be held as a double, and a double offset deoptimises the engine's write)
          engine.write(k, win.data, ((s - win.start) * b.dims) | 0);
        }
        engine.step();
        const r = s - t0 - 1;
        for (let j = 0; j < outs.length; j++) engine.readOut(j, elemAt(outs, j), r * numAt(outDims, j));
      }
    } catch (cause) {
      const done = s - t0 - 1;
      const probes = done > 0 ? this.readProbes(t0, done) : [];
      this.t = t0 + done;
      throw new UnitFailure(this.failure(s, cause), probes);
    }
    this.t = t0 + w;
    this.stats.runs++;
    this.stats.steps += w;
    this.stats.maxWindowSteps = Math.max(this.stats.maxWindowSteps, w);
    const outputs: Window[] = [];
    for (let j = 0; j < outs.length; j++) outputs.push(new Window(t0 + 1, w, numAt(outDims, j), elemAt(outs, j)));
    return { outputs, probes: this.readProbes(t0, w) };
  }

  private readProbes(t0: number, steps: number): Window[] {
    return this.shape.probes.map((p, i) => {
      const values = new Float64Array(steps * p.dims);
      this.engine.readProbe(i, steps, values);
      return new Window(t0 + 1, steps, p.dims, values);
    });
  }

  private failure(s: number, cause: unknown): CouplingError {
    const { name: label, multiple: m, baseDt } = this.shape;
    const where = m === 1 ? `step ${s} (t = ${fmt(s * baseDt)} s)` : `its step ${s} (base step ${s * m}, t = ${fmt(s * m * baseDt)} s)`;
    const what = this.shape.fused ? `Fused subsystems '${label}'` : `Subsystem '${label}'`;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new CouplingError(`${what} failed at ${where}: ${reason}; probe data up to step ${s - 1} is kept`, { label, cause, step: s * m, subsystem: label });
  }
}

function fmt(t: number): string {
  return Number(t.toPrecision(12)).toString();
}
