// Helpers for the JS source that kernels emit.

import { BuildError } from "@plexus/core";
import type { Emitter } from "../Kernel.js";

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
  const first = idx[0];
  for (let i = 1; i < idx.length; i++) if (first === undefined || idx[i] !== first + i) return false;
  return true;
}

/**
 * The arena position of entry `i` of a buffer at `base` through `idx` (`base + idx[i]`; null:
 * `base + i`), folded to a number for a constant `i`; a contiguous index becomes an offset, any
 * other is bound as a constant array (named after `hint`).
 */
export function entryAt(e: Emitter, base: number, idx: Int32Array | null, hint: string): (i: number | string) => string {
  const first = idx?.[0];
  if (idx === null || (first !== undefined && contiguous(idx))) {
    const o = base + (first ?? 0);
    return (i) => (typeof i === "number" ? String(o + i) : `${o} + ${i}`);
  }
  const name = e.bind(idx, hint);
  return (i) => {
    if (typeof i !== "number") return `${base} + ${name}[${i}]`;
    const k = idx[i];
    if (k === undefined) throw new BuildError(`entry ${i} of a ${idx.length}-entry index (${hint}) was asked for`);
    return String(base + k);
  };
}
