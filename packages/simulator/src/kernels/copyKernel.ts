import { BuildError } from "@plexus/core";
import { entryAt, loop } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { storer, type Target, targetSize } from "./Target.js";

/**
 * Copies `src` (or the entries `srcIndex` of it) into a target (Nengo's `Copy`, with `inc` for
 * a target in inc mode): a slice of a connection's input, a synapse output into the post object.
 */
export function copyKernel(src: Signal, srcIndex: Int32Array | null, dst: Target, owner: string, role = "copy"): Kernel {
  const n = targetSize(dst);
  const m = srcIndex?.length ?? src.size;
  if (m !== n) throw new BuildError(`copyKernel of ${owner} (${role}): ${m} source entries for ${n} target entries`, { label: owner });
  return {
    owner,
    role,
    reads: [src],
    sets: dst.mode === "set" ? [dst.signal] : [],
    incs: dst.mode === "inc" ? [dst.signal] : [],
    updates: [],
    emit(e) {
      const store = storer(e, dst);
      const from = entryAt(e, e.offset(src), srcIndex, "src");
      const read = (i: number | string): string => `${e.A}[${from(i)}]`;
      return loop(n, (i) => store(i, read(i)));
    },
  };
}
