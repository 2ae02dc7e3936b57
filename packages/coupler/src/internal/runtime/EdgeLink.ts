import { concat, from, Observable, type Subscription } from "rxjs";
import { averageRate } from "../../operators/averageRate.js";
import { delaySteps } from "../../operators/delaySteps.js";
import { holdRate } from "../../operators/holdRate.js";
import { holdUpsample } from "../../operators/holdUpsample.js";
import type { EdgeStats } from "../../RunStats.js";
import type { Link } from "../../Transport.js";
import { Window } from "../../Window.js";
import type { EdgeBuffer } from "./EdgeBuffer.js";
import type { EdgeShape } from "./shapes.js";

/** What the receiving end reports to whoever runs the receiver. */
export interface ReceiveHooks {
  /** A window came off the link (before the edge's operators). */
  arrived(w: Window): void;
  /** Windows were put in the receiver's buffer. */
  delivered(): void;
  /** The link or the buffer failed (a lost or repeated window, a link error). */
  failed(error: unknown): void;
}

/** Fresh counters of an edge. */
export function edgeStats(shape: EdgeShape): EdgeStats {
  return { edge: shape.name, sentWindows: 0, sentSteps: 0, receivedWindows: 0, receivedSteps: 0, capacitySteps: shape.capacitySteps, maxAheadSteps: 0 };
}

/**
 * The receiving end of an edge: the windows off the link, held up to the base grid (a slower
 * sender), delayed by the edge's steps, brought to the receiver's rate (hold or average), into the
 * receiver's buffer, which takes each step exactly once (a gap or a repeat is an error). The delay's
 * and the hold's leading zeros are delivered at once, on subscription.
 */
export function receiveEdge(
  shape: EdgeShape,
  link: Link,
  buffer: EdgeBuffer,
  stats: EdgeStats,
  hooks: ReceiveHooks,
  replay: readonly Window[] = [],
): Subscription {
  const live = new Observable<Window>((s) =>
    link.windows.subscribe({
      next: (w) => {
        hooks.arrived(w);
        stats.receivedWindows++;
        stats.receivedSteps += w.steps;
        s.next(w);
      },
      error: (e: unknown) => s.error(e),
      complete: () => s.complete(),
    }),
  );
  const counted = replay.length === 0 ? live : concat(from(replayWindows(shape, replay)), live);
  const rate = shape.rate === "average" ? averageRate(shape.toMultiple) : holdRate(shape.toMultiple);
  return counted.pipe(holdUpsample(shape.fromMultiple, shape.dims), delaySteps(shape.delaySteps, shape.dims), rate).subscribe({
    next: (w) => {
      try {
        buffer.push(w);
      } catch (error) {
        hooks.failed(error);
        return;
      }
      hooks.delivered();
    },
    error: (e: unknown) => hooks.failed(e),
  });
}

/**
 * The sender's windows to feed a fresh receiving end so that it continues where one stopped (see
 * {@link keptWindows}): zeros for the sender's steps before the first kept window (they only feed
 * steps the receiver has run), then the kept windows.
 */
function replayWindows(shape: EdgeShape, kept: readonly Window[]): Window[] {
  const first = kept[0]?.start ?? 1;
  return first > 1 ? [new Window(1, first - 1, shape.dims), ...kept] : [...kept];
}

/**
 * The sender's windows (as they came off the link) that a receiver at base step `consumed` may
 * still need: those with a step after `consumed - toMultiple` once delayed (an average's interval
 * begins there), in order. A fresh receiving end fed them (see {@link receiveEdge}'s `replay`)
 * delivers what the old one would have, from the receiver's next step on.
 */
export function keptWindows(shape: EdgeShape, received: readonly Window[], consumed: number): Window[] {
  return received.filter((w) => (w.end + 1) * shape.fromMultiple - 1 + shape.delaySteps > consumed - shape.toMultiple);
}

/**
 * The sending end of an edge: which output of its unit it carries, the link, and how far the
 * receiver has consumed (base steps), which bounds how far the sender may run ahead.
 */
export class OutEdge {
  constructor(
    readonly shape: EdgeShape,
    readonly link: Link,
    /** Index of the output (in the unit's outputs) it carries. */
    readonly output: number,
    /** Base steps the receiver has consumed (its steps run × its multiple), as far as the sender knows. */
    readonly consumed: () => number,
    readonly stats: EdgeStats,
  ) {}

  /** Steps (the sender's, who is at step `t`) the sender may run before the receiver must catch up. */
  room(t: number): number {
    return Math.floor((this.shape.capacitySteps + this.consumed()) / this.shape.fromMultiple) - t;
  }

  /** Sends the window of the sender's output; `t` is the sender's step after it. */
  send(w: Window, t: number): void {
    const ahead = t * this.shape.fromMultiple - this.consumed();
    if (ahead > this.stats.maxAheadSteps) this.stats.maxAheadSteps = ahead;
    this.stats.sentWindows++;
    this.stats.sentSteps += w.steps;
    this.link.send(w);
  }
}
