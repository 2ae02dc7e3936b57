/**
 * A number as a JS literal that reads back to the same double (keeps -0, NaN, ±Infinity), for
 * generated source: negative numbers in parentheses, so that `a - ${lit(x)}` stays correct.
 */
export function lit(x: number): string {
  if (Object.is(x, -0)) return "-0";
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  const s = String(x);
  return x < 0 ? `(${s})` : s;
}
