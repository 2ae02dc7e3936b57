import { ValidationError } from "../errors.js";
import { numAt } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";
import type { DiscreteFilter } from "./Synapse.js";

/** @throws ValidationError when `dt` is not a finite number > 0. */
export function checkDt(object: string, dt: number): void {
  if (typeof dt !== "number" || !Number.isFinite(dt) || dt <= 0) {
    throw new ValidationError({ object, attr: "dt", message: `must be a finite number > 0 (got ${showValue(dt)})` });
  }
}

/** @throws ValidationError when `dims` is not an integer >= 1. */
export function checkDims(object: string, dims: number): void {
  if (!Number.isInteger(dims) || dims < 1) {
    throw new ValidationError({ object, attr: "dims", message: `must be an integer >= 1 (got ${showValue(dims)})` });
  }
}

/** @throws ValidationError when a time constant is negative, not finite or not a number. */
export function checkTau(object: string, attr: string, tau: number): number {
  if (typeof tau !== "number" || !Number.isFinite(tau) || tau < 0) {
    throw new ValidationError({
      object,
      attr,
      message: `must be a finite number >= 0 in seconds (got ${showValue(tau)})`,
    });
  }
  return tau;
}

/**
 * Checks that a discrete filter's matrices fit its order (Nengo's `LinearFilter.Step` check):
 * A is order × order, B and C have `order` entries, D is one finite number.
 * @throws ValidationError naming the step and the sizes it got.
 */
export function checkFilterShape(object: string, filter: DiscreteFilter): void {
  const { order, a, b, c, d } = filter;
  const ok = Number.isInteger(order) && order >= 0 && a.length === order * order && b.length === order && c.length === order && typeof d === "number";
  if (!ok) {
    throw new ValidationError({
      object,
      attr: "filter",
      message:
        `matrices do not meet the requirements of a state-space system of order ${showValue(order)}: ` +
        `A must have order² entries, B and C order entries, D be a number (got A ${a.length}, B ${b.length}, C ${c.length}, D ${showValue(d)})`,
    });
  }
}

/** Allocates or checks a state buffer of `size` entries. */
export function stateBuffer(object: string, size: number, state: Float64Array | undefined): Float64Array {
  if (state === undefined) return new Float64Array(size);
  if (state.length !== size) {
    throw new ValidationError({
      object,
      attr: "state",
      message: `must hold ${size} entries (got ${state.length}); use stateSize(dt) · dims`,
    });
  }
  return state;
}

/** Expands `y0` (length 1 or `dims`) to a per-channel getter; undefined means all zeros. */
export function initialOutput(object: string, y0: ArrayLike<number> | undefined, dims: number): ((j: number) => number) | null {
  if (y0 === undefined) return null;
  if (y0.length !== 1 && y0.length !== dims) {
    throw new ValidationError({
      object,
      attr: "y0",
      message: `must have length 1 or ${dims} (got ${y0.length})`,
    });
  }
  let allZero = true;
  for (let j = 0; j < y0.length; j++) if (y0[j] !== 0) allZero = false;
  if (allZero) return null;
  return y0.length === 1 ? () => numAt(y0, 0) : (j) => numAt(y0, j);
}
