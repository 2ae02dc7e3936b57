import { ValidationError } from "../errors.js";
import { optionsObject } from "../internal/optionsObject.js";
import { networkSizeProblem } from "../internal/sizeLimit.js";

/**
 * The options of a library network's constructor, checked before any is read (null, a number, a
 * string or an array is a ValidationError naming `object`).
 * @throws ValidationError when `options` is not an object
 */
export function networkOptions<T extends object>(options: T, object: string): T {
  return optionsObject(options, object) as T;
}

/**
 * Refuses a size of a library network that would create absurdly many ensembles (or too large a
 * dense square transform), before anything is allocated; a non-integer `v` is left to the caller.
 * @throws ValidationError naming `object` and `attr` when `v` is too large
 */
export function checkNetworkSize(object: string, attr: string, v: number, ensemblesPer: number, square = false): void {
  if (!Number.isInteger(v)) return;
  const problem = networkSizeProblem(v, ensemblesPer, square);
  if (problem !== null) throw new ValidationError({ object, attr, message: problem });
}
