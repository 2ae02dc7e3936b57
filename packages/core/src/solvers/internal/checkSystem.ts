import { type Issue, ValidationError } from "../../errors.js";
import { numAt } from "../../internal/checked.js";

/** Checks the sizes of a solve: A is m × n, each Y is m × d. Throws one ValidationError for all. */
export function checkSystem(kind: string, A: Float64Array, Ys: readonly Float64Array[], m: number, n: number, ds: readonly number[]): void {
  const issues: Issue[] = [];
  const count = (attr: string, v: number, low: number): void => {
    if (!Number.isInteger(v) || v < low) issues.push({ object: kind, attr, message: `must be an integer >= ${low} (got ${v})` });
  };
  count("m", m, 1);
  count("n", n, 1);
  if (ds.length !== Ys.length) {
    issues.push({ object: kind, attr: "d", message: `needs one column count per target (got ${ds.length} for ${Ys.length} targets)` });
  }
  ds.forEach((d, t) => count(Ys.length > 1 ? `d[${t}]` : "d", d, 0));
  if (issues.length === 0) {
    if (A.length !== m * n) {
      issues.push({ object: kind, attr: "A", message: `must hold m·n = ${m}·${n} = ${m * n} activities (got ${A.length})` });
    }
    Ys.forEach((Y, t) => {
      const d = numAt(ds, t);
      if (Y.length !== m * d) {
        const attr = Ys.length > 1 ? `Y[${t}]` : "Y";
        issues.push({ object: kind, attr, message: `must hold m·d = ${m}·${d} = ${m * d} targets (got ${Y.length})` });
      }
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Checks a non-negative number option (Nengo's NumberParam(low=0)). */
export function nonNegative(kind: string, attr: string, value: number, issues: Issue[]): void {
  if (!(value >= 0) || !Number.isFinite(value)) {
    issues.push({ object: kind, attr, message: `must be a finite number >= 0 (got ${value})` });
  }
}
