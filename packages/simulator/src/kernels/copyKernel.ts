import { contiguous, loop } from "../internal/codegen.js";
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
  if (m !== n) throw new Error(`copyKernel: ${m} source entries for ${n} target entries`);
  return {
    owner,
    role,
    reads: [src],
    sets: dst.mode === "set" ? [dst.signal] : [],
    incs: dst.mode === "inc" ? [dst.signal] : [],
    updates: [],
    emit(e) {
      const store = storer(e, dst);
      const so = e.offset(src);
      let read: (i: number | string) => string;
      if (srcIndex === null || (srcIndex.length > 0 && contiguous(srcIndex))) {
        const o = so + (srcIndex === null || srcIndex.length === 0 ? 0 : srcIndex[0]!);
        read = (i) => `${e.A}[${typeof i === "number" ? o + i : `${o} + ${i}`}]`;
      } else {
        const name = e.bind(srcIndex, "src");
        read = (i) => `${e.A}[${typeof i === "number" ? so + srcIndex[i]! : `${so} + ${name}[${i}]`}]`;
      }
      return loop(n, (i) => store(i, read(i)));
    },
  };
}
