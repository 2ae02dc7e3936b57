import { CouplingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { type MonoTypeOperatorFunction, Observable } from "rxjs";
import { Window } from "../Window.js";

/**
 * Samples base-grid windows for a subsystem that steps every `multiple` base steps (the "hold"
 * rate policy): its step `k` takes the value of base step `k·multiple`. Emits one window for each
 * input window that completes at least one local step; `multiple` 1 returns the source itself.
 *
 * @param multiple the receiving subsystem's dt in base steps, an integer >= 1
 * @throws CouplingError when `multiple` is not an integer >= 1
 */
export function holdRate(multiple: number): MonoTypeOperatorFunction<Window> {
  if (!(Number.isSafeInteger(multiple) && multiple >= 1)) {
    throw new CouplingError(`holdRate: multiple must be an integer >= 1 (got ${multiple})`);
  }
  if (multiple === 1) return (source) => source;
  const m = multiple;
  return (source) =>
    new Observable<Window>((subscriber) => {
      let next = 1; // the next local step to emit
      return source.subscribe({
        next: (w) => {
          const last = Math.floor(w.end / m);
          if (last < next) return;
          const d = w.dims;
          const out = new Window(next, last - next + 1, d);
          for (let k = next; k <= last; k++) {
            const src = (k * m - w.start) * d;
            const dst = (k - next) * d;
            for (let i = 0; i < d; i++) out.data[dst + i] = f64At(w.data, src + i);
          }
          next = last + 1;
          subscriber.next(out);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
