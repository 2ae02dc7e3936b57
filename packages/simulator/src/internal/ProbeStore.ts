import { SimulationError } from "@plexus/core";
import { allocate, bytesText, MAX_ARRAY_ENTRIES } from "./sizeChecks.js";

/**
 * The recorded rows of one probe, in a buffer grown ahead of runs (never during a step): a run
 * reserves the rows it will record before its first step, so a run too long to record fails
 * before it starts, naming the probe and the bytes.
 */
export class ProbeStore {
  data: Float64Array;
  rows = 0;

  constructor(
    readonly cols: number,
    /** Records at steps n with `n % period < 1`. */
    readonly period: number = 1,
    /** The probe, as messages name it. */
    readonly name: string = "Probe",
    capacity = 64,
  ) {
    this.data = new Float64Array(Math.max(1, capacity) * Math.max(1, cols));
  }

  /**
   * Makes room for the rows recorded by `steps` more steps (an upper bound: every step, or one in
   * `period`, plus one), keeping those recorded.
   * @throws SimulationError naming the probe and the bytes needed when they cannot be allocated.
   */
  reserveSteps(steps: number, nextStep: number): void {
    const rows = this.period <= 1 ? steps : Math.min(steps, Math.floor(steps / this.period) + 2);
    this.reserveRows(rows, () => `recording ${steps} more steps (${rows} rows of ${this.cols} values, from step ${nextStep})`, nextStep);
  }

  /** Makes room for `more` rows beyond those recorded. */
  reserveRows(more: number, what: () => string = () => `${more} more rows`, nextStep?: number): void {
    const need = (this.rows + more) * this.cols;
    if (need <= this.data.length) return;
    const fail = (bytes: number, why: string): SimulationError =>
      new SimulationError(
        `${this.name}: ${what()} needs ${bytesText(bytes)} of probe data in all, ${why}; record less (sampleEvery, fewer probes or dimensions) or run in parts, each continued from sim.snapshot({ probeData: false }) after copying the data out; the data so far is kept`,
        { label: this.name, ...(nextStep !== undefined ? { step: nextStep } : {}) },
      );
    // twice the size ahead (fewer copies over many short runs), or exactly what is needed where that is too much
    const ahead = Math.min(Math.max(need, 2 * this.data.length), MAX_ARRAY_ENTRIES);
    let next: Float64Array;
    try {
      next = allocate(ahead, fail) as Float64Array;
    } catch (e) {
      if (ahead === need) throw e;
      next = allocate(need, fail) as Float64Array;
    }
    next.set(this.data.subarray(0, this.rows * this.cols));
    this.data = next;
  }
}
