/** The recorded rows of one probe, in a buffer grown ahead of runs (never during a step). */
export class ProbeStore {
  data: Float64Array;
  rows = 0;

  constructor(
    readonly cols: number,
    capacity = 64,
  ) {
    this.data = new Float64Array(Math.max(1, capacity) * Math.max(1, cols));
  }

  /** Makes room for `more` rows beyond those recorded. */
  reserve(more: number): void {
    const need = (this.rows + more) * this.cols;
    if (need <= this.data.length) return;
    const next = new Float64Array(Math.max(need, 2 * this.data.length));
    next.set(this.data.subarray(0, this.rows * this.cols));
    this.data = next;
  }
}
