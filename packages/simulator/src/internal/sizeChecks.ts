import { BuildError, defaultNEvalPoints, type Ensemble, type Network } from "@plexus/core";

/** The most entries one typed array holds (V8's limit, 2^32; an engine may fail below it when memory runs out). */
export const MAX_ARRAY_ENTRIES = 2 ** 32;

/** `8000000000000 bytes (7.3 TiB)`. */
export function bytesText(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${bytes} bytes (${v.toFixed(1)} ${units[u]})`;
}

/**
 * Allocates a Float64Array of `entries` (or a Float32Array when `bytes` is 4), or throws the error
 * `fail(bytesNeeded, why)` makes when it is beyond what one array holds or the runtime cannot
 * allocate it: a typed error instead of a raw RangeError.
 */
export function allocate<E extends Error>(entries: number, fail: (bytes: number, why: string) => E, bytes: 4 | 8 = 8): Float64Array | Float32Array {
  const need = entries * bytes;
  if (entries > MAX_ARRAY_ENTRIES) throw fail(need, `more than one JavaScript typed array holds (2^32 entries)`);
  try {
    return bytes === 4 ? new Float32Array(entries) : new Float64Array(entries);
  } catch (cause) {
    if (cause instanceof RangeError) throw fail(need, `the runtime could not allocate it (${cause.message})`);
    throw cause;
  }
}

/**
 * Refuses, before anything is built, an ensemble whose build would need an array beyond what one
 * typed array holds: its encoders (nNeurons × dimensions), eval points (count × dimensions) or,
 * when something decodes from it, its activity matrix (eval points × nNeurons) for the decoder
 * solve. (Below that limit a build may still run out of memory: build turns that into a
 * BuildError naming the object too.)
 * @throws BuildError naming the ensemble, the array and the bytes it needs.
 */
export function checkBuildSizes(net: Network): void {
  const decoded = new Set<Ensemble>();
  for (const c of net.all("connection")) if (c.pre.kind === "ensemble") decoded.add(c.pre);
  for (const p of net.all("probe")) if (p.target.kind === "ensemble" && p.attr === "decoded") decoded.add(p.target);
  for (const ens of net.all("ensemble")) {
    const n = ens.nNeurons;
    const d = ens.dimensions;
    const m = ens.nEvalPoints ?? defaultNEvalPoints(n, d);
    const arrays: [string, number, string][] = [
      ["encoders", n * d, `${n} neurons × ${d} dimensions`],
      ["eval points", m * d, `${m} points × ${d} dimensions`],
    ];
    if (decoded.has(ens) && ens.neuronType.kind !== "Direct") arrays.push(["activity matrix of its decoder solve", m * n, `${m} eval points × ${n} neurons`]);
    for (const [what, entries, shape] of arrays) {
      if (entries > MAX_ARRAY_ENTRIES) {
        throw new BuildError(
          `${ens}: its ${what} (${shape}) needs ${bytesText(entries * 8)}, more than one JavaScript typed array holds (2^32 entries); use fewer neurons or eval points (nEvalPoints), or split the ensemble (an EnsembleArray)`,
          { label: ens.toString() },
        );
      }
    }
  }
}
