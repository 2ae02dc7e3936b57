import { ValidationError } from "../errors.js";
import { kindOf } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { type DistOrArray, Distribution } from "./Distribution.js";

/**
 * Turns a parameter given as a distribution or as explicit values into an `n × d` row-major
 * Float64Array (Nengo's `get_samples` plus the shape check of its `DistOrArrayParam`):
 * - a {@link Distribution} is sampled: `spec.sample(n, d, rng)`;
 * - a number fills all `n × d` entries;
 * - a flat array (numbers) must hold `n · d` values, row-major;
 * - nested rows must be `n` rows of `d` numbers.
 *
 * @param what Names the parameter in errors, e.g. `Ensemble 'a'.encoders`.
 * @throws ValidationError naming `what`, with the expected and the given shape, when explicit
 *   values have the wrong shape or are not numbers, or when a distribution returns the wrong size.
 */
export function sampleOrArray(spec: DistOrArray, n: number, d: number, rng: Rng, what: string): Float64Array {
  checkArguments(n, d, rng, what);
  const fail = (message: string): never => {
    const dot = what.lastIndexOf(".");
    throw new ValidationError(dot > 0 ? { object: what.slice(0, dot), attr: what.slice(dot + 1), message } : { object: what, message });
  };
  const expected = `(${n}, ${d})`;
  if (spec instanceof Distribution) {
    const x = spec.sample(n, d, rng);
    if (x.length !== n * d) fail(`${String(spec)} returned ${x.length} values, expected shape ${expected}`);
    return x;
  }
  if (typeof spec === "number") {
    if (Number.isNaN(spec)) fail(`must be a number (got NaN)`);
    return new Float64Array(n * d).fill(spec);
  }
  if (spec === null || typeof spec !== "object" || typeof (spec as { length?: unknown }).length !== "number") {
    return fail(`must be a Distribution, a number or an array of shape ${expected} (got ${typeof spec})`);
  }
  const rows = spec as ArrayLike<number | ArrayLike<number>>;
  const out = new Float64Array(n * d);
  if (rows.length === 0 || typeof rows[0] === "number") {
    if (rows.length !== n * d) {
      fail(
        d === 1
          ? `expected shape ${expected} (${n} values), got (${rows.length},)`
          : `expected shape ${expected} (${n * d} values row-major), got ${rows.length} values`,
      );
    }
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i];
      if (typeof v !== "number" || Number.isNaN(v)) fail(`entry ${i} must be a number (got ${showValue(v)})`);
      out[i] = v as number;
    }
    return out;
  }
  const cols = (rows[0] as ArrayLike<number>).length;
  if (rows.length !== n || cols !== d) fail(`expected shape ${expected}, got (${rows.length}, ${cols})`);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (typeof row !== "object" || row === null || row.length !== d) {
      fail(`expected shape ${expected}, but row ${i} has ${typeof row === "object" && row !== null ? row.length : "no"} entries`);
    }
    for (let j = 0; j < d; j++) {
      const v = (row as ArrayLike<number>)[j];
      if (typeof v !== "number" || Number.isNaN(v)) fail(`entry [${i}][${j}] must be a number (got ${showValue(v)})`);
      out[i * d + j] = v as number;
    }
  }
  return out;
}

/** The sizes, the Rng and the name of a sampleOrArray call, checked before they are used. */
function checkArguments(n: unknown, d: unknown, rng: unknown, what: unknown): void {
  const fail = (attr: string, message: string): never => {
    throw new ValidationError({ object: "sampleOrArray", attr, message });
  };
  if (typeof what !== "string") fail("what", `must be a string naming the parameter, e.g. "Ensemble 'a'.encoders" (got ${kindOf(what)})`);
  for (const [attr, v] of [
    ["n", n],
    ["d", d],
  ] as const) {
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) fail(attr, `must be an integer >= 0 (got ${typeof v === "number" ? v : kindOf(v)})`);
  }
  if (typeof rng !== "object" || rng === null || typeof (rng as { uniform?: unknown }).uniform !== "function")
    fail("rng", `must be an Rng, e.g. new Rng(seed) (got ${kindOf(rng)})`);
}
