import type { Issue } from "../../errors.js";
import { ValidationError } from "../../errors.js";
import { numAt } from "../../internal/checked.js";
import { showValue } from "../../internal/showValue.js";

/** Bounds of a numeric parameter, as Nengo's `NumberParam(low=, high=, low_open=)`. */
export interface Bounds {
  readonly low?: number;
  /** `low` itself is not allowed (`> low` rather than `>= low`). */
  readonly lowOpen?: boolean;
  readonly high?: number;
  /** Allow -Infinity / Infinity (e.g. `minVoltage: -Infinity` means "never clip"). */
  readonly allowInfinite?: boolean;
}

/**
 * Appends an issue to `issues` when `value` is not a number within `bounds`; the message reads
 * `must be > 0 (got -1)` and `formatIssue` prefixes it with `object.attr`.
 */
export function checkParam(issues: Issue[], object: string, attr: string, value: unknown, bounds: Bounds = {}): void {
  const { low, lowOpen = false, high, allowInfinite = false } = bounds;
  const range: string[] = [];
  if (low !== undefined) range.push(`${lowOpen ? ">" : ">="} ${low}`);
  if (high !== undefined) range.push(`<= ${high}`);
  const want = range.length > 0 ? `a number ${range.join(" and ")}` : "a finite number";
  const ok =
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (allowInfinite || Number.isFinite(value)) &&
    (low === undefined || (lowOpen ? value > low : value >= low)) &&
    (high === undefined || value <= high);
  if (!ok) issues.push({ object, attr, message: `must be ${want} (got ${showValue(value)})` });
}

/** Formats a number as Python's `f"{x:0.3f}"` does (so `inf` for Infinity). */
export function fixed3(x: number): string {
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Number.isNaN(x)) return "nan";
  return x.toFixed(3);
}

/**
 * @throws ValidationError `<kind>.maxRates: Max rates must be below the inverse refractory period (…)`
 *   unless every max rate is below `limit` (a NaN rate fails too, as in Nengo).
 */
export function requireBelowInverseRefractory(kind: string, maxRates: ArrayLike<number>, limit: number): void {
  for (let i = 0; i < maxRates.length; i++) {
    const r = numAt(maxRates, i);
    if (!(r < limit)) {
      throw new ValidationError({
        object: kind,
        attr: "maxRates",
        message: `Max rates must be below the inverse refractory period (${fixed3(limit)}); lower maxRates or tauRef (got ${r} Hz at index ${i})`,
      });
    }
  }
}
