import { ValidationError } from "../errors.js";
import { showValue } from "../internal/showValue.js";
import { warn } from "../internal/warn.js";

/**
 * Checks the `n` and `d` of a `sample(n, d, rng)` call and returns `d` (default 1).
 * @throws ValidationError when `n` or `d` is not a non-negative integer.
 */
export function sampleShape(what: string, n: number, d: number | undefined): number {
  const dd = d ?? 1;
  const issues = [];
  if (!Number.isInteger(n) || n < 0) {
    issues.push({ object: what, attr: "n", message: `must be an integer >= 0 (got ${n})` });
  }
  if (!Number.isInteger(dd) || dd < 0) {
    issues.push({ object: what, attr: "d", message: `must be an integer >= 0 (got ${dd})` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return dd;
}

/** @throws ValidationError naming `object.attr` when `value` is not a finite number. */
export function requireFinite(object: string, attr: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValidationError({ object, attr, message: `must be a finite number (got ${showValue(value)})` });
  }
  return value;
}

/**
 * Checks a hypersphere's `minMagnitude`, and warns as Nengo does when `surface` makes it moot.
 * @throws ValidationError when `value` is not in [0, 1).
 */
export function checkMinMagnitude(object: string, value: number, surface: boolean): number {
  if (typeof value !== "number" || !(value >= 0 && value < 1)) {
    throw new ValidationError({ object, attr: "minMagnitude", message: `must be in [0, 1) (got ${showValue(value)})` });
  }
  if (surface && value > 0) warn(`${object}: minMagnitude ignored because surface is true`, "PLEXUS_MIN_MAGNITUDE_IGNORED");
  return value;
}

/** @throws ValidationError when `surface` is given and is not a boolean (Nengo's BoolParam). */
export function checkSurface(object: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") {
    throw new ValidationError({ object, attr: "surface", message: `must be true or false (got ${showValue(value)})` });
  }
  return value;
}
