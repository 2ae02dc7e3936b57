/** A report of how far a long computation is (a simulator run, a training). */
export interface ProgressEvent {
  /** What runs (`Simulating`, a network's label). */
  readonly task: string;
  /** The unit counted (`steps`, `minibatches`). */
  readonly unit: string;
  readonly done: number;
  readonly total: number;
  /** A note such as `loss 1.2e-4`, where there is one. */
  readonly note?: string;
}

/**
 * Receives progress reports: the libraries report through it (as often as they would redraw a
 * bar) and draw nothing themselves; a CLI or a page renders them.
 */
export type ProgressCallback = (event: ProgressEvent) => void;
