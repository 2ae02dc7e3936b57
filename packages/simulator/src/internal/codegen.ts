// Helpers for the JS source that kernels emit.

/** A number as a JS literal that reads back to the same double (one definition, in core). */
export { lit } from "@plexus/core/runtime";

/** `base + i` as source, folding a constant index. */
export function at(base: number, i: number | string): string {
  if (typeof i === "number") return String(base + i);
  return base === 0 ? i : `${base} + ${i}`;
}

/** Loops up to this many iterations are unrolled. */
export const UNROLL = 8;

/**
 * A loop `for i in 0..count` whose body is given by `body(i)` (an expression or a loop variable
 * name); unrolled for small counts.
 */
export function loop(count: number, body: (i: number | string) => string, v = "i"): string {
  if (count <= 0) return "";
  if (count <= UNROLL) {
    let out = "";
    for (let i = 0; i < count; i++) out += `${body(i)}\n`;
    return out;
  }
  return `for (let ${v} = 0; ${v} < ${count}; ${v}++) {\n${body(v)}\n}\n`;
}

/** True when `idx` is `start, start+1, ...` (a contiguous range). */
export function contiguous(idx: ArrayLike<number>): boolean {
  for (let i = 1; i < idx.length; i++) if (idx[i] !== idx[0]! + i) return false;
  return true;
}
