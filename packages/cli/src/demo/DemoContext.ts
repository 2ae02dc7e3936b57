import type { Progress } from "../Progress.js";
import type { BundleRecord } from "../results/DemoResults.js";

/** What every part of the demo is given. */
export interface DemoContext {
  /** Folder of results.json; bundles go in `<outDir>/bundles/`. */
  readonly outDir: string;
  /** The reduced, fast configuration (tests, `--quick`). */
  readonly quick: boolean;
  /** Seed of every random draw of the demo. */
  readonly seed: number;
  readonly progress: Progress;
  /** Threads the demo may use for independent runs (1: everything in this thread). */
  readonly threads: number;
  /** Adam's learning rate of part 1's main panel (default: the example's converging settings). */
  readonly learningRate?: number;
  /** Epochs of part 1's main panel (default: the example's converging settings). */
  readonly epochs?: number;
}

/** The outcome of one part: its results and the bundles it saved, or why it did not run. */
export type PartOutcome<T> =
  | { readonly ran: true; readonly value: T; readonly bundles: readonly BundleRecord[] }
  | { readonly ran: false; readonly reason: string };
