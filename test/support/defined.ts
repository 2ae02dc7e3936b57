/**
 * `value`, or a failed test naming what was missing: what a test reads from a map, a list or a
 * reference file is checked here rather than asserted with `!`.
 */
export function defined<T>(value: T | null | undefined, what = "a value the test reads"): T {
  if (value === undefined || value === null) throw new Error(`${what} is ${String(value)}`);
  return value;
}
