import { CouplingError, PlexusError } from "@plexus/core";
import { map, Observable, type Subscription } from "rxjs";
import { holdRate } from "../../operators/holdRate.js";
import { Window } from "../../Window.js";
import { type InputSpec, portName } from "../model.js";

/** An observable input of a unit, as it feeds the unit's slot (in this thread, or on the unit's host). */
export interface StreamState {
  readonly input: InputSpec;
  /** The receiving unit: how messages name it, and its dt in base steps. */
  readonly unitName: string;
  readonly multiple: number;
  /** Base steps the unit has consumed, as far as this thread knows (for the `inputBufferSteps` check). */
  consumed(): number;
  /** Hands the unit a window of its own steps (contiguous, from its step after the start); throws on a gap or a repeat. */
  push(w: Window): void;
  /** Base steps received (the run's start: 0, or a snapshot's step). */
  received: number;
  complete: boolean;
}

export interface StreamHooks {
  delivered(): void;
  failed(error: unknown): void;
  completed(): void;
}

/**
 * Subscribes an observable input: its values (one step per number or array, or windows of base
 * steps from step 1), checked for size and contiguity and for running at most `inputBufferSteps`
 * ahead of its unit, held to the unit's rate, into its buffer.
 */
export function subscribeStream(st: StreamState, inputBufferSteps: number, hooks: StreamHooks): Subscription | undefined {
  const { input } = st;
  const name = `input ${portName(input.to)}`;
  const label = portName(input.to);
  const dims = input.to.port.dimensions;
  const values = input.values;
  if (values.kind !== "observable") return undefined;
  const fail = (s: { error(e: unknown): void }, message: string, step?: number): void =>
    s.error(new CouplingError(`${name}: ${message}`, { label, step, subsystem: input.to.entry.key }));
  const base = new Observable<Window>((s) =>
    values.source.subscribe({
      next: (v) => {
        let w: Window;
        if (v instanceof Window) {
          if (v.dims !== dims || v.start !== st.received + 1) {
            fail(
              s,
              `the observable sent a window of ${v.dims !== dims ? `${v.dims} values per step, expected ${dims}` : `steps ${v.start}..${v.end}, expected a window from step ${st.received + 1}`}`,
            );
            return;
          }
          w = v;
        } else {
          const arr = typeof v === "number" ? [v] : v;
          if (arr.length !== dims) {
            fail(s, `the observable sent a value of ${arr.length} entries, expected ${dims}`);
            return;
          }
          w = new Window(st.received + 1, 1, dims, Float64Array.from(arr));
        }
        const bad = w.data.findIndex((x) => !Number.isFinite(x));
        if (bad >= 0) {
          const step = w.start + Math.floor(bad / dims);
          fail(s, `the observable sent ${w.data[bad]} at base step ${step}, index ${bad % dims}; input values must be finite`, step);
          return;
        }
        st.received += w.steps;
        const ahead = st.received - st.consumed();
        if (ahead > inputBufferSteps) {
          fail(
            s,
            `the observable is ${ahead} base steps ahead of ${st.unitName} (at most ${inputBufferSteps}); pace it (e.g. with a scheduler) or raise inputBufferSteps`,
          );
          return;
        }
        s.next(w);
      },
      // the source's own failure, named as the input's (a plain Error or any thrown value)
      error: (e: unknown) => {
        if (e instanceof PlexusError) s.error(e);
        else {
          const why = e instanceof Error ? e.message : String(e);
          s.error(
            new CouplingError(`${name}: the observable failed after ${st.received} base steps: ${why}; the probe data up to then is kept`, {
              label,
              subsystem: input.to.entry.key,
              cause: e,
            }),
          );
        }
      },
      complete: () => {
        st.complete = true;
        s.complete();
      },
    }),
  );
  const m = st.multiple;
  // held from base step 1 on, then moved to the start (a multiple of m: the hold's samples fall alike)
  const start = st.received;
  const shift = (by: number) => (w: Window) => (by === 0 ? w : new Window(w.start + by, w.steps, w.dims, w.data));
  const rate = m === 1 ? (o: Observable<Window>): Observable<Window> => o : holdRate(m);
  return base.pipe(map(shift(-start)), rate, map(shift(start / m))).subscribe({
    next: (w) => {
      try {
        st.push(w);
      } catch (error) {
        hooks.failed(error);
        return;
      }
      hooks.delivered();
    },
    error: (e: unknown) => hooks.failed(e),
    complete: () => hooks.completed(),
  });
}
