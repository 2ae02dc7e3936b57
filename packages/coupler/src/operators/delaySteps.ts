import { CouplingError } from "@plexus/core";
import { type MonoTypeOperatorFunction, Observable } from "rxjs";
import { Window } from "../Window.js";

/**
 * Delays a stream of contiguous windows (starting at step 1) by `steps` steps: first a window of
 * `steps` zeros stamped `1..steps` (emitted on subscription, so a loop can start), then every
 * window restamped `steps` later, values untouched. `delaySteps(0)` returns the source itself.
 *
 * @param steps delay in steps, an integer >= 0
 * @param dims values per step (the size of the zero window)
 * @throws CouplingError when `steps` or `dims` is not an integer >= 0
 */
export function delaySteps(steps: number, dims: number): MonoTypeOperatorFunction<Window> {
  if (!(Number.isSafeInteger(steps) && steps >= 0)) {
    throw new CouplingError(`delaySteps: steps must be an integer >= 0 (got ${steps})`);
  }
  if (!(Number.isSafeInteger(dims) && dims >= 0)) {
    throw new CouplingError(`delaySteps: dims must be an integer >= 0 (got ${dims})`);
  }
  if (steps === 0) return (source) => source;
  return (source) =>
    new Observable<Window>((subscriber) => {
      subscriber.next(new Window(1, steps, dims));
      return source.subscribe({
        next: (w) => subscriber.next(new Window(w.start + steps, w.steps, w.dims, w.data)),
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
