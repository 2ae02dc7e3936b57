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
  if (typeof value === "number") return encodeNumber(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => typeof v === "number")) return `[${value.map((v: number) => encodeNumber(v)).join(",")}]`;
    return `[\n${value.map((v) => inner + write(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(",\n")}\n${indent}}`;
}

function encodeNumber(x: number): string {
  if (Number.isFinite(x)) return JSON.stringify(x);
  if (Number.isNaN(x)) return '"nan"';
  return x > 0 ? '"inf"' : '"-inf"';
}
