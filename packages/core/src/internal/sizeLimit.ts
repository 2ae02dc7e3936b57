import { showValue } from "./showValue.js";
/**
 * The largest size (neurons, dimensions, node sizes, port dimensions) an object may have: entries
 * are indexed with 32-bit integers (slices and index lists are Int32Arrays), so a larger size
 * could never be built. Whether a size fits in memory is the build's check, in bytes.
 */
export const MAX_SIZE = 2 ** 31 - 1;

/** `must be an integer >= min` (and at most MAX_SIZE) for `v`, or null when it is one. */
export function sizeProblem(v: unknown, min: number): string | null {
  if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= MAX_SIZE) return null;
  return typeof v === "number" && Number.isInteger(v) && v > MAX_SIZE
    ? `must be at most 2^31 - 1 = ${MAX_SIZE} (got ${v}); entries are indexed with 32-bit integers`
    : `must be an integer >= ${min} (got ${showValue(v)})`;
}

/**
 * The most ensembles one library network (EnsembleArray, BasalGanglia, Thalamus, ...) may create:
 * each is a JavaScript object with its own connections, so far more could never be held in memory;
 * a larger size is refused before anything is allocated.
 */
export const MAX_NETWORK_ENSEMBLES = 100_000;

/** The largest side of a dense square transform a library network builds (8192² doubles are 512 MiB). */
export const MAX_NETWORK_SQUARE = 8192;

/**
 * Why an integer size `v` of a library network is too large, or null: `ensemblesPer` ensembles per
 * unit (e.g. 5 per dimension in BasalGanglia), and `square` when it is the side of a dense square
 * transform. Whether `v` is an integer at all is the caller's check.
 */
export function networkSizeProblem(v: number, ensemblesPer: number, square = false): string | null {
  if (v * ensemblesPer > MAX_NETWORK_ENSEMBLES) {
    const most = Math.floor(MAX_NETWORK_ENSEMBLES / ensemblesPer);
    return `must be at most ${most} (got ${v}): the network would create ${v * ensemblesPer} ensembles, more than ${MAX_NETWORK_ENSEMBLES}`;
  }
  if (square && v > MAX_NETWORK_SQUARE) {
    return `must be at most ${MAX_NETWORK_SQUARE} (got ${v}): the network would build a dense ${v}×${v} transform`;
  }
  return null;
}
