import { CouplingError } from "@plexus/core";
import { Observable, type MonoTypeOperatorFunction } from "rxjs";
import { Window } from "../Window.js";

/**
 * Turns the windows of a subsystem that steps every `multiple` base steps into windows on the base
 * grid, by zero-order hold: local step `j` is computed at base step `j·multiple` and holds until the
 * next one, so base step `n` carries local step `floor(n / multiple)` (zeros before the first).
 * Each emission covers as far as its last sample holds: a local window `j0..j1` becomes the base
 * window `j0·multiple .. (j1 + 1)·multiple - 1` (from base step 1 for the first). `multiple` 1
 * returns the source itself.
 *
 * @param multiple the subsystem's dt in base steps, an integer >= 1
 * @throws CouplingError when `multiple` is not an integer >= 1
 */
export function holdUpsample(multiple: number): MonoTypeOperatorFunction<Window> {
  if (!(Number.isSafeInteger(multiple) && multiple >= 1)) {
    throw new CouplingError(`holdUpsample: multiple must be an integer >= 1 (got ${multiple})`);
  }
  if (multiple === 1) return (source) => source;
  const m = multiple;
  return (source) =>
    new Observable<Window>((subscriber) => {
      let first = true;
      return source.subscribe({
        next: (w) => {
          if (w.steps === 0) return;
          const d = w.dims;
          const from = first ? 1 : w.start * m;
          const to = (w.end + 1) * m - 1;
          first = false;
          const out = new Window(from, to - from + 1, d);
          const data = out.data;
          for (let n = Math.max(from, w.start * m); n <= to; n++) {
            const src = (Math.floor(n / m) - w.start) * d;
            const dst = (n - from) * d;
            for (let i = 0; i < d; i++) data[dst + i] = w.data[src + i]!;
          }
          subscriber.next(out);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
