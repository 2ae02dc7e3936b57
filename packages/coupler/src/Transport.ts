import { asapScheduler, type Observable, queueScheduler, type SchedulerLike } from "rxjs";
import type { Window } from "./Window.js";

/**
 * One direction of one edge: the sender sends windows, the receiver sees each of them once, in
 * the order sent. A link may copy, serialise or delay windows, never reorder, drop or repeat them.
 */
export interface Link {
  /** Sender side: hands one window to the link. */
  send(window: Window): void;
  /** Receiver side: the windows as they arrive (subscribe before the first send). */
  readonly windows: Observable<Window>;
  /** Sender side: no more windows; the receiver's observable completes after the last one. */
  close(): void;
}

/**
 * What carries windows between subsystems: the in-process transport passes them along in this
 * thread; a transport to worker threads or other processes must deliver the same windows (bit for
 * bit, see {@link Window.toBytes}), so the results do not depend on it.
 */
export interface Transport {
  /** A short name for messages and reports (`in-process`). */
  readonly name: string;
  /** Opens the link that carries the windows of one edge, named as messages name the edge. */
  open(edge: string): Link;
  /**
   * Whether a window handed to a link leaves only when the thread's microtasks run (a client that
   * writes in a microtask, as NATS's does). Units whose links do so run each window in a microtask
   * of its own (`asapScheduler`, unless a run names its scheduler), so that a window goes out
   * before the next one is computed, not after the last one the unit can run. Default false.
   */
  readonly sendsInMicrotask?: boolean;
}

/**
 * The scheduler units run their windows on when the run names none: `queueScheduler` (each window
 * at once, trampolined), or `asapScheduler` for a transport whose windows leave in a microtask
 * (see {@link Transport.sendsInMicrotask}). Results never depend on it.
 */
export function defaultScheduler(transport: Transport): SchedulerLike {
  return transport.sendsInMicrotask === true ? asapScheduler : queueScheduler;
}
