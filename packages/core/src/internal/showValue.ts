/**
 * A user-given value as an error message shows it, never throwing: `String(v)` throws a TypeError
 * for objects without a usable `toString` (`{ toString: null }`, `Object.create(null)`), which
 * would replace the typed error being built.
 */
export function showValue(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
