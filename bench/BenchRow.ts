/** One line of the benchmark report: our figure beside a peer's, and the ratio. */
export interface BenchRow {
  /** Group, e.g. "simulator", "training", "coupling". */
  readonly group: string;
  /** Case id and a short title, e.g. "a: Node → Ensemble(100, LIF) → Node". */
  readonly case: string;
  /** What is measured, with its unit, e.g. "steps/s". */
  readonly metric: string;
  readonly ours: number;
  /** The peer's figure (from baselines.md) and its name, when there is one. */
  readonly peer?: number | undefined;
  readonly peerName?: string | undefined;
  /** ours / peer for rates (higher is better), peer / ours for times and memory (so > 1 is always better). */
  readonly ratio?: number | undefined;
  /** The target ratio, when the issue sets one. */
  readonly target?: number | undefined;
}

export function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "-";
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString("en-US");
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** Prints rows as an aligned text table. */
export function printRows(rows: readonly BenchRow[]): void {
  const table = rows.map((r) => [
    r.group,
    r.case,
    r.metric,
    fmt(r.ours),
    r.peerName === undefined ? "-" : `${fmt(r.peer)} (${r.peerName})`,
    r.ratio === undefined ? "-" : `${r.ratio.toFixed(2)}x`,
    r.target === undefined ? "" : r.ratio !== undefined && r.ratio >= r.target ? `>= ${r.target}x met` : `target ${r.target}x NOT met`,
  ]);
  const head = ["group", "case", "metric", "Plexus", "peer", "ratio", "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of table) console.log(line(row));
}
