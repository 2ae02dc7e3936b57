import { CouplingError } from "@plexus/core";
import { Observable, type Subscription } from "rxjs";
import { holdRate } from "../../operators/holdRate.js";
import { Window } from "../../Window.js";
import { type InputSpec, portName } from "../model.js";
import type { EdgeBuffer } from "./EdgeBuffer.js";
import type { UnitActor } from "./UnitActor.js";

/** An observable input of a unit, as it feeds the unit's buffer. */
export interface StreamState {
  readonly input: InputSpec;
  readonly unit: UnitActor;
  readonly buffer: EdgeBuffer;
  /** Base steps received. */
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
  const { input, unit: u, buffer } = st;
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
        const ahead = st.received - u.t * u.shape.multiple;
        if (ahead > inputBufferSteps) {
          fail(
            s,
            `the observable is ${ahead} base steps ahead of ${u.shape.name} (at most ${inputBufferSteps}); pace it (e.g. with a scheduler) or raise inputBufferSteps`,
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
  const m = u.shape.multiple;
  const rate = m === 1 ? (o: Observable<Window>): Observable<Window> => o : holdRate(m);
  return base.pipe(rate).subscribe({
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
    complete: () => hooks.completed(),
  });
}
