// numpy's statistics over a flat array, as Nengo's tests use them (`np.mean`, `np.std` with ddof 0).

/** `a[i]` as a number (the loops below stay in range). */
export const at = (a: ArrayLike<number>, i: number): number => a[i] as number;

/** `np.mean(x)`. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += at(x, i);
  return s / x.length;
}

/** `np.std(x)` (population: divides by the length). */
export function std(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (at(x, i) - m) ** 2;
  return Math.sqrt(s / x.length);
}
