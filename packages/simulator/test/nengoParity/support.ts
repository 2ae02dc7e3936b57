// Shared helpers of the Nengo parity suites.
import type { Probe } from "@plexus/core";
import type { Simulator } from "@plexus/simulator";
import { expect } from "vitest";
import { expectAllClose, flat } from "../../../../test/support/reference.js";

export { expectAllClose, flat, loadReference, loadReferenceBeside } from "../../../../test/support/reference.js";

/** The probe's data as a flat copy, checked to have `rows` rows (and `cols` columns when given). */
export function probed(sim: Simulator, probe: Probe, rows: number, cols?: number): Float64Array {
  const d = sim.data(probe);
  expect(d.shape[0]).toBe(rows);
  if (cols !== undefined) expect(d.shape[1]).toBe(cols);
  return Float64Array.from(d.data);
}

/** Asserts the probe recorded exactly the (nested) reference array, to rtol 1e-9 / atol 1e-12. */
export function expectProbe(sim: Simulator, probe: Probe, expected: unknown, what: string): void {
  const e = flat(expected);
  const d = sim.data(probe);
  expect(d.data.length, `${what}: number of values`).toBe(e.length);
  expectAllClose(d.data, e, { what });
}

/** The first `rows` rows of a probe. */
export function firstRows(sim: Simulator, probe: Probe, rows: number): Float64Array {
  const d = sim.data(probe);
  return Float64Array.from(d.data.subarray(0, rows * d.shape[1]));
}
