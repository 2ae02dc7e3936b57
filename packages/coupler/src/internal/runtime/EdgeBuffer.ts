import { CouplingError } from "@plexus/core";
import type { Window } from "../../Window.js";

/**
 * The windows an edge (or a streamed input) has delivered to a unit and the unit has not yet used,
 * in the unit's steps. Windows must arrive contiguous: a gap or an overlap means a window was lost
 * or repeated, and is an error (exactly once per window per edge).
 */
export class EdgeBuffer {
  private windows: (Window | undefined)[] = [];
  private head = 0;
  /** The step the next window must start at. */
  private next = 1;
  /** The last step delivered. */
  through = 0;
  /** Windows delivered. */
  delivered = 0;

  constructor(
    /** How messages name what feeds it (`ctrl.out.u -> plant.in.u`). */
    readonly name: string,
    readonly dims: number,
  ) {}

  /** Starts empty after step `step` (a unit resumed there): the next window must start at `step + 1`. */
  startAfter(step: number): void {
    this.next = step + 1;
    this.through = step;
  }

  push(w: Window): void {
    if (w.steps === 0) return;
    if (w.start !== this.next || w.dims !== this.dims) {
      throw new CouplingError(
        w.dims !== this.dims
          ? `${this.name}: received a window of ${w.dims} values per step, expected ${this.dims}`
          : `${this.name}: received steps ${w.start}..${w.end} but expected a window from step ${this.next} (a window was ${w.start < this.next ? "repeated" : "lost"})`,
        { label: this.name },
      );
    }
    this.windows.push(w);
    this.next = w.end + 1;
    this.through = w.end;
    this.delivered++;
  }

  /** The window holding `step` (which must be delivered and not before the last one asked for). */
  at(step: number): Window {
    let w = this.windows[this.head];
    while (w !== undefined && w.end < step) {
      this.windows[this.head++] = undefined;
      w = this.windows[this.head];
    }
    if (w === undefined)
      throw new CouplingError(`${this.name}: step ${step} was asked for before it was delivered (through step ${this.through})`, { label: this.name });
    if (this.head > 32 && this.head * 2 > this.windows.length) {
      this.windows = this.windows.slice(this.head);
      this.head = 0;
    }
    return w;
  }
}
