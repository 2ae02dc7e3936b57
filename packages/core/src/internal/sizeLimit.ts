import { showValue } from "./showValue.js";
/**
 * The largest size (neurons, dimensions, node sizes, port dimensions) an object may have: entries
 * are indexed with 32-bit integers (slices and index lists are Int32Arrays), so a larger size
 * could never be built. Whether a size fits in memory is the build's check, in bytes.
 */
export const MAX_SIZE = 2 ** 31 - 1;

/** `must be an integer >= min` (and at most MAX_SIZE) for `v`, or null when it is one. */
export function sizeProblem(v: unknown, min: number): string | null {
  if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= MAX_SIZE) return null;
  return typeof v === "number" && Number.isInteger(v) && v > MAX_SIZE
    ? `must be at most 2^31 - 1 = ${MAX_SIZE} (got ${v}); entries are indexed with 32-bit integers`
    : `must be an integer >= ${min} (got ${showValue(v)})`;
}
