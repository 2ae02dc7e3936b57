import { BuildError } from "@plexus/core";
import { loop } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { storer, type Target, targetSize } from "./Target.js";

/**
 * `y = w ∘ x` into a target (Nengo's `ElementwiseInc`): a scalar `w` (size 1) scales every
 * entry, a vector `w` scales entry by entry.
 */
export function elementwiseKernel(weights: Signal, x: Signal, dst: Target, owner: string, role = "weights"): Kernel {
  const n = targetSize(dst);
  if (x.size !== n) throw new BuildError(`elementwiseKernel of ${owner} (${role}): input has ${x.size} entries, target takes ${n}`, { label: owner });
  if (weights.size !== 1 && weights.size !== n) {
    throw new BuildError(`elementwiseKernel of ${owner} (${role}): ${weights.size} weights for ${n} entries; give 1 or ${n}`, { label: owner });
  }
  return {
    owner,
    role,
    reads: [weights, x],
    sets: dst.mode === "set" ? [dst.signal] : [],
    incs: dst.mode === "inc" ? [dst.signal] : [],
    updates: [],
    emit(e) {
      const A = e.A;
      // A set target stands for Nengo's Reset + ElementwiseInc: 0 + w·x (-0 reads +0, as there).
      const raw = storer(e, dst);
      const store = dst.mode === "set" ? (i: number | string, expr: string): string => raw(i, `0 + ${expr}`) : raw;
      const wo = e.offset(weights);
      const xo = e.offset(x);
      const scalar = weights.size === 1;
      let s = scalar ? `const w = ${A}[${wo}];\n` : "";
      s += loop(n, (i) => {
        const wi = scalar ? "w" : `${A}[${typeof i === "number" ? wo + i : `${wo} + ${i}`}]`;
        return store(i, `${wi} * ${A}[${typeof i === "number" ? xo + i : `${xo} + ${i}`}]`);
      });
      return s;
    },
  };
}
