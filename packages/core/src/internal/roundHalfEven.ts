/**
 * Rounds to the nearest integer, ties to even (numpy's `round`, as Nengo turns seconds into
 * steps): `-0` for inputs in [-0.5, 0), as numpy gives.
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
