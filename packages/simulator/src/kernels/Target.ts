import { contiguous } from "../internal/codegen.js";
import type { Emitter } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/**
 * Where a kernel writes its result `y[i]`: `signal[index[i]] (+)= gains[i] · y[i]`. `set`
 * overwrites (then `index` and `gains` must be null and `y` covers the whole signal), `inc` adds.
 */
export interface Target {
  readonly signal: Signal;
  readonly mode: "set" | "inc";
  /** Entries of `signal` that receive `y[0], y[1], ...` (a post slice); null: `0, 1, ...`. */
  readonly index: Int32Array | null;
  /** Per-entry factors (the post neurons' gains); null: none. */
  readonly gains: Signal | null;
}

/** A target that overwrites all of `signal`. */
export function setTarget(signal: Signal): Target {
  return { signal, mode: "set", index: null, gains: null };
}

/** A target that adds into `signal` (at `index`, times `gains`). */
export function incTarget(signal: Signal, index: Int32Array | null = null, gains: Signal | null = null): Target {
  return { signal, mode: "inc", index, gains };
}

/** The size of the value written into a target. */
export function targetSize(t: Target): number {
  return t.index?.length ?? t.signal.size;
}

/** Emits the statement writing `expr` (the value for entry `i`) into the target. */
export function storer(e: Emitter, t: Target): (i: number | string, expr: string) => string {
  if (t.mode === "set" && (t.index !== null || t.gains !== null)) throw new Error("a set target covers its whole signal");
  const base = e.offset(t.signal);
  const op = t.mode === "set" ? "=" : "+=";
  const g = t.gains === null ? null : e.offset(t.gains);
  const idx = t.index;
  let where: (i: number | string) => string;
  if (idx === null || (idx.length > 0 && contiguous(idx))) {
    const o = base + (idx === null || idx.length === 0 ? 0 : idx[0]!);
    where = (i) => (typeof i === "number" ? String(o + i) : `${o} + ${i}`);
  } else {
    const name = e.bind(idx, "idx");
    where = (i) => (typeof i === "number" ? String(base + idx[i]!) : `${base} + ${name}[${i}]`);
  }
  const scale = (i: number | string, expr: string): string => (g === null ? expr : `${e.A}[${typeof i === "number" ? g + i : `${g} + ${i}`}] * (${expr})`);
  return (i, expr) => `${e.A}[${where(i)}] ${op} ${scale(i, expr)};`;
}
