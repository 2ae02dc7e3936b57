import { CouplingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { type MonoTypeOperatorFunction, Observable } from "rxjs";
import { Window } from "../Window.js";

/**
 * Turns the windows of a subsystem that steps every `multiple` base steps into windows on the base
 * grid, by zero-order hold: local step `j` is computed at base step `j·multiple` and holds until the
 * next one, so base step `n` carries local step `floor(n / multiple)`. The zeros of base steps
 * `1 .. multiple-1` (before its first step) are known at once and emitted on subscription; then
 * each local window `j0..j1` becomes the base window `j0·multiple .. (j1 + 1)·multiple - 1`, as
 * far as its last value holds. `multiple` 1 returns the source itself.
 *
 * @param multiple the subsystem's dt in base steps, an integer >= 1
 * @param dims values per step
 * @throws CouplingError when `multiple` is not an integer >= 1
 */
export function holdUpsample(multiple: number, dims: number): MonoTypeOperatorFunction<Window> {
  if (!(Number.isSafeInteger(multiple) && multiple >= 1)) {
    throw new CouplingError(`holdUpsample: multiple must be an integer >= 1 (got ${multiple})`);
  }
  if (multiple === 1) return (source) => source;
  const m = multiple;
  return (source) =>
    new Observable<Window>((subscriber) => {
      subscriber.next(new Window(1, m - 1, dims));
      return source.subscribe({
        next: (w) => {
          if (w.steps === 0) return;
          const d = w.dims;
          const from = w.start * m;
          const out = new Window(from, (w.end + 1) * m - from, d);
          const data = out.data;
          for (let n = from; n <= out.end; n++) {
            const src = (Math.floor(n / m) - w.start) * d;
            const dst = (n - from) * d;
            for (let i = 0; i < d; i++) data[dst + i] = f64At(w.data, src + i);
          }
          subscriber.next(out);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
