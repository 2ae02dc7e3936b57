// Tagged values for the fuzz suite: each generated number carries the class it was drawn from
// ("valid", "NaN", "Inf", "fractional", "negative", "huge", ...), so the report can count the
// cases of each class and how each was answered.
import fc from "fast-check";

/** A value and the class of input it stands for. */
export type Tagged<T> = readonly [tag: string, value: T];

/** Values that must be refused where a count (neurons, dimensions, steps) is expected. */
export const badCounts: readonly Tagged<number>[] = [
  ["NaN", NaN],
  ["Inf", Infinity],
  ["negative", -1],
  ["zero", 0],
  ["fractional", 1.5],
  ["huge", 1e12],
  ["huge", 2 ** 53],
  ["huge", 1e300],
];

/** Values that must be refused (or handled) where a real parameter is expected. */
export const badReals: readonly Tagged<number>[] = [
  ["NaN", NaN],
  ["Inf", Infinity],
  ["Inf", -Infinity],
  ["negative", -1],
  ["negative", -0.5],
  ["zero", 0],
  ["zero", -0],
  ["tiny", 5e-324],
  ["tiny", 1e-300],
  ["huge", 1e12],
  ["huge", 1e300],
];

/** `good` values tagged "valid" most of the time (`goodWeight` to `badWeight`), one of `bad` otherwise. */
export function maybeBad<T>(good: fc.Arbitrary<T>, bad: readonly Tagged<T>[], badWeight = 1, goodWeight = 12): fc.Arbitrary<Tagged<T>> {
  return fc.oneof({ weight: goodWeight, arbitrary: good.map((v): Tagged<T> => ["valid", v]) }, { weight: badWeight, arbitrary: fc.constantFrom(...bad) });
}

/** A count: usually 1..max, sometimes one of the bad counts. */
export const count = (max: number): fc.Arbitrary<Tagged<number>> => maybeBad(fc.integer({ min: 1, max }), badCounts);

/** A real: usually in [lo, hi], sometimes one of the bad reals. */
export const real = (lo: number, hi: number): fc.Arbitrary<Tagged<number>> => maybeBad(fc.double({ min: lo, max: hi, noNaN: true }), badReals);

/** Collects the tags of a spec (every tagged pair anywhere in it); "valid" when there is no other. */
export function tagsOf(spec: unknown): string[] {
  const tags = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      if (v.length === 2 && typeof v[0] === "string" && (typeof v[1] === "number" || typeof v[1] === "object" || typeof v[1] === "boolean")) {
        if (v[0] !== "valid" && /^[a-zA-Z-]+$/.test(v[0])) tags.add(v[0]);
      }
      for (const x of v) walk(x);
    } else if (typeof v === "object" && v !== null) {
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(spec);
  return tags.size === 0 ? ["valid"] : [...tags].sort();
}

/** The outcome of one case: a typed Plexus error, or a run whose outputs were all finite. */
export type Outcome = "typed error" | "finite output";

/** Counts of cases by class of input and outcome, for the report's table. */
export class Tally {
  private readonly rows = new Map<string, { cases: number; typed: number; finite: number }>();

  add(classes: readonly string[], outcome: Outcome): void {
    for (const c of classes) {
      const r = this.rows.get(c) ?? { cases: 0, typed: 0, finite: 0 };
      r.cases++;
      if (outcome === "typed error") r.typed++;
      else r.finite++;
      this.rows.set(c, r);
    }
  }

  /** A Markdown table: class of input -> cases tried -> typed error / finite output. */
  table(): string {
    const lines = ["| class of input | cases | typed error | finite output |", "|---|---:|---:|---:|"];
    for (const [c, r] of [...this.rows].sort(([a], [b]) => a.localeCompare(b))) lines.push(`| ${c} | ${r.cases} | ${r.typed} | ${r.finite} |`);
    return lines.join("\n");
  }
}
