import type { EnsembleOptions } from "../Ensemble.js";
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

/** The ensemble options a library network passes on to its ensembles. */
type EnsembleKey = keyof Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed">;
const ENSEMBLE_KEYS: Record<EnsembleKey, true> = {
  radius: true,
  neuronType: true,
  encoders: true,
  intercepts: true,
  maxRates: true,
  gain: true,
  bias: true,
  evalPoints: true,
  nEvalPoints: true,
  normalizeEncoders: true,
  noise: true,
};

/**
 * Refuses an option the network does not take (a typo, Nengo's `dimensions` on an EnsembleArray,
 * Nengo 2's `net`), which would otherwise be ignored without a word. The network takes its `own`
 * options (all of them, checked by the type) and every ensemble option not in `notEnsemble`.
 * @throws ValidationError naming `object` and the option, with `hint` for it when given
 */
export function checkOptionNames<T extends object>(
  options: T,
  object: string,
  own: Record<Exclude<keyof T, EnsembleKey>, true>,
  notEnsemble: readonly EnsembleKey[] = [],
  hints: Readonly<Record<string, string>> = {},
): void {
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(own, key)) continue;
    if (Object.hasOwn(ENSEMBLE_KEYS, key) && !(notEnsemble as readonly string[]).includes(key)) continue;
    const allowed = [...Object.keys(own), ...Object.keys(ENSEMBLE_KEYS).filter((k) => !(notEnsemble as readonly string[]).includes(k))];
    const hint = Object.hasOwn(hints, key) ? hints[key] : `its options are ${allowed.join(", ")}`;
    throw new ValidationError({ object, attr: key, message: `is not an option of this network; ${hint}` });
  }
}
