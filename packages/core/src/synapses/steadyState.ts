import { ValidationError } from "../errors.js";
import { f64At } from "../internal/checked.js";
import { solve } from "../internal/expm.js";
import type { DiscreteFilter } from "./Synapse.js";

/**
 * Nengo's LinearFilter.make_state for y0 != 0 (several states or a passthrough): solves for the
 * constant input u0 whose steady-state output is y0 and returns the state for a unit output,
 * x = (I - A)^-1 B / Q with Q the DC gain C (I - A)^-1 B + D.
 * @throws ValidationError when the DC gain is (nearly) zero.
 */
export function steadyStatePerUnitOutput(object: string, f: DiscreteFilter): Float64Array {
  const n = f.order;
  const ima = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ima[i * n + j] = (i === j ? 1 : 0) - f64At(f.a, i * n + j);
  let iab: Float64Array;
  try {
    iab = solve(ima, f.b, n, 1);
  } catch (cause) {
    throw new ValidationError({ object, attr: "y0", message: "cannot solve for the state: I - A is singular. Set y0 to 0." }, { cause });
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += f64At(f.c, i) * f64At(iab, i);
  const q = s + f.d;
  if (!(Math.abs(q) > 1e-8)) {
    throw new ValidationError({ object, attr: "y0", message: "cannot solve for state if DC gain is zero. Set y0 to 0." });
  }
  for (let i = 0; i < n; i++) iab[i] = f64At(iab, i) / q;
  return iab;
}
