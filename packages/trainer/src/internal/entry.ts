// Lookups the trainer makes in maps and lists it filled itself, for every key or index it asks
// for: they cannot fail on user data, so a miss is a bug in the trainer (an InternalError), not a
// `!` that would let `undefined` through.
import { InternalError } from "@plexus/core";

/** The entry of `map` at `key`. @throws InternalError if it is missing (a bug in the trainer). */
export function mapEntry<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new InternalError(`the trainer has no ${what} for ${String(key)}; this is a bug in the trainer, please report it`);
  return v;
}

/** Entry `i` of `list`. @throws InternalError if `i` is outside it (a bug in the trainer). */
export function listEntry<T>(list: readonly T[], i: number, what: string): T {
  const v = list[i];
  if (v === undefined) throw new InternalError(`the trainer has no ${what} ${i} (it has ${list.length}); this is a bug in the trainer, please report it`);
  return v;
}
