import { ValidationError } from "../errors.js";

/** A JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Non-finite numbers as the repository's reference files write them. */
export function encodeNumber(x: number): number | string {
  if (Number.isFinite(x)) return Object.is(x, -0) ? 0 : x;
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

/** Inverse of {@link encodeNumber} for values that are numbers or those strings. */
export function decodeNumber(x: unknown): number {
  if (typeof x === "number") return x;
  if (x === "nan") return NaN;
  if (x === "inf") return Infinity;
  if (x === "-inf") return -Infinity;
  return NaN;
}

/** Refuses a value that contains itself: its JSON text would never end (a RangeError before). */
function enter(value: object, ancestors: Set<object>, fn: string): void {
  if (ancestors.has(value)) {
    throw new ValidationError({
      object: fn,
      attr: "value",
      message: "contains itself (a cycle); pass a tree of plain values (no object reachable from itself)",
    });
  }
  ancestors.add(value);
}

/**
 * JSON with object keys sorted at every level: the same value always gives the same text.
 * @throws ValidationError when the value contains a cycle, or a value JSON has no text for (a bigint, a symbol).
 */
export function canonicalJson(value: Json): string {
  return canonical(value, new Set());
}

function canonical(value: Json, ancestors: Set<object>): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint" || typeof value === "symbol") {
      throw new ValidationError({
        object: "canonicalJson",
        attr: "value",
        message: `has a ${typeof value}, which JSON cannot write; convert it to a number or string first`,
      });
    }
    return JSON.stringify(value);
  }
  enter(value, ancestors, "canonicalJson");
  const text = Array.isArray(value)
    ? `[${(value as readonly Json[]).map((v) => canonical(v, ancestors)).join(",")}]`
    : `{${Object.entries(value as { readonly [key: string]: Json })
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, ancestors)}`)
        .join(",")}}`;
  ancestors.delete(value);
  return text;
}

/**
 * Replaces non-finite numbers (anywhere in a plain value) with "nan", "inf", "-inf".
 * @throws ValidationError when the value contains a cycle.
 */
export function toJson(value: unknown): Json {
  return plain(value, new Set());
}

function plain(value: unknown, ancestors: Set<object>): Json {
  if (typeof value === "number") return encodeNumber(value);
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, encodeNumber);
  if (typeof value !== "object") return null;
  enter(value, ancestors, "toJson");
  let out: Json;
  if (Array.isArray(value)) out = value.map((v) => plain(v, ancestors));
  else {
    const obj: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) obj[k] = plain(v, ancestors);
    out = obj;
  }
  ancestors.delete(value);
  return out;
}
