import { BuildError } from "@plexus/core";
import { entryAt } from "../internal/codegen.js";
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
  if (t.mode === "set" && (t.index !== null || t.gains !== null)) {
    throw new BuildError(`a set target on ${t.signal.name} covers its whole signal; give an inc target for an index or gains`, { label: t.signal.name });
  }
  const op = t.mode === "set" ? "=" : "+=";
  const g = t.gains === null ? null : e.offset(t.gains);
  const where = entryAt(e, e.offset(t.signal), t.index, "idx");
  const scale = (i: number | string, expr: string): string => (g === null ? expr : `${e.A}[${typeof i === "number" ? g + i : `${g} + ${i}`}] * (${expr})`);
  return (i, expr) => `${e.A}[${where(i)}] ${op} ${scale(i, expr)};`;
}
