import { encodeNumber } from "@plexus/core";
import type { DemoResults } from "./DemoResults.js";

/**
 * The JSON text of a results file: objects indented, arrays of numbers on one line (time series
 * stay readable), and non-finite numbers written as "inf", "-inf" and "nan" (JSON has no spelling
 * for them; `JSON.stringify` would write null).
 */
export function stringifyResults(results: DemoResults): string {
  return `${write(results, "")}\n`;
}

function write(value: unknown, indent: string): string {
  if (typeof value === "number") return numberText(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => typeof v === "number")) return `[${value.map((v: number) => numberText(v)).join(",")}]`;
    return `[\n${value.map((v) => inner + write(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(",\n")}\n${indent}}`;
}

/** A number as JSON text, non-finite ones as core's `encodeNumber` spells them (the spec files' spelling). */
function numberText(x: number): string {
  return JSON.stringify(encodeNumber(x));
}
