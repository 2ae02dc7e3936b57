import { CouplingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { type MonoTypeOperatorFunction, Observable } from "rxjs";
import { Window } from "../Window.js";

/**
 * Averages base-grid windows for a subsystem that steps every `multiple` base steps (the "average"
 * rate policy): its step `k` takes the mean of base steps `(k-1)·multiple + 1 .. k·multiple`,
 * summed in step order from the first and divided by `multiple`. Emits one window for each input
 * window that completes at least one local step; `multiple` 1 returns the source itself.
 *
 * @param multiple the receiving subsystem's dt in base steps, an integer >= 1
 * @throws CouplingError when `multiple` is not an integer >= 1
 */
export function averageRate(multiple: number): MonoTypeOperatorFunction<Window> {
  if (!(Number.isSafeInteger(multiple) && multiple >= 1)) {
    throw new CouplingError(`averageRate: multiple must be an integer >= 1 (got ${multiple})`);
  }
  if (multiple === 1) return (source) => source;
  const m = multiple;
  return (source) =>
    new Observable<Window>((subscriber) => {
      let next = 1; // the local step being summed
      let sum: Float64Array | null = null;
      let count = 0; // base steps summed into `sum`
      return source.subscribe({
        next: (w) => {
          const d = w.dims;
          if (sum === null) sum = new Float64Array(d);
          const last = Math.floor(w.end / m);
          const out = last >= next ? new Window(next, last - next + 1, d) : null;
          for (let n = w.start; n <= w.end; n++) {
            const src = (n - w.start) * d;
            if (count === 0) for (let i = 0; i < d; i++) sum[i] = f64At(w.data, src + i);
            else for (let i = 0; i < d; i++) sum[i] = f64At(sum, i) + f64At(w.data, src + i);
            count++;
            if (count === m) {
              // local step `next` ends at base step next·m <= w.end, so `out` (steps next..⌊w.end/m⌋) holds it
              if (out === null) throw new CouplingError(`averageRate: local step ${next} ended in a window that does not reach it`);
              const dst = (next - out.start) * d;
              for (let i = 0; i < d; i++) out.data[dst + i] = f64At(sum, i) / m;
              count = 0;
              next++;
            }
          }
          if (out !== null) subscriber.next(out);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
