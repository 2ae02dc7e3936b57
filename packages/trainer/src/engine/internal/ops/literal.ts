/**
 * A number as a JavaScript literal in generated code (negative numbers parenthesised, so that
 * `a - ${lit(x)}` stays a subtraction). Generated code holds numbers and indices only, never text
 * from a network (labels, names): these literals and buffer names built from indices.
 */
export function lit(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  const s = String(x);
  return x < 0 ? `(${s})` : s;
}
