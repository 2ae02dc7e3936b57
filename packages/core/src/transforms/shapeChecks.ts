import { ValidationError } from "../errors.js";
import { showValue } from "../internal/showValue.js";

/** @throws ValidationError unless `shape` is `length` integers >= `low`. */
export function checkShape(object: string, attr: string, shape: unknown, length: number | null, low: number): readonly number[] {
  const fail = (message: string): never => {
    throw new ValidationError({ object, attr, message });
  };
  if (shape === null || typeof shape !== "object" || typeof (shape as { length?: unknown }).length !== "number") {
    return fail(`must be an array of integers (got ${showValue(shape)})`);
  }
  const s = Array.from(shape as ArrayLike<unknown>);
  if (length !== null && s.length !== length) fail(`must have ${length} entries (got ${s.length})`);
  s.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < low) fail(`entry ${i} must be an integer >= ${low} (got ${showValue(v)})`);
  });
  return s as number[];
}

/** The product of the entries. */
export function product(shape: readonly number[]): number {
  let p = 1;
  for (const s of shape) p *= s;
  return p;
}
