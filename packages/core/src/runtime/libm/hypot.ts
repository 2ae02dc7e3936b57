// sqrt(x^2 + y^2) as V8 11 (Node 20) computes Math.hypot of two numbers: each divided by the
// larger magnitude, the squares summed with Kahan's compensation, sqrt times the larger magnitude.

/** sqrt(x^2 + y^2) without overflow; bit for bit what Node 20's `Math.hypot(x, y)` returns. */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (Number.isNaN(ax) || Number.isNaN(ay)) return NaN;
  const max = Math.max(ax, ay);
  if (max === 0) return 0;
  let sum = 0;
  let compensation = 0;
  const a = ax / max;
  let summand = a * a - compensation;
  let preliminary = sum + summand;
  compensation = preliminary - sum - summand;
  sum = preliminary;
  const b = ay / max;
  summand = b * b - compensation;
  preliminary = sum + summand;
  sum = preliminary;
  return Math.sqrt(sum) * max;
}
