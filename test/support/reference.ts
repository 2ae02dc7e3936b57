// Loads the ground-truth files of ../shared/reference at test time.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defined } from "./defined.js";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const repoRoot = resolve(here, "../..");
/** ../shared/reference beside the checkout (PLEXUS_REFERENCE overrides it). */
export const referenceDir = process.env["PLEXUS_REFERENCE"] ?? resolve(repoRoot, "../shared/reference");

/** Parses a reference JSON file, turning the strings "inf", "-inf" and "nan" into numbers. */
export function loadReference<T = unknown>(relativePath: string): T {
  return parseReference<T>(readFileSync(resolve(referenceDir, relativePath), "utf8"));
}

/**
 * Parses a reference JSON file kept in the repository beside a test (written by a gen_*.py
 * generator, see test/support/nengo/regenerate.py): `loadReferenceBeside(import.meta.url,
 * "./reference/transforms.json")`. "inf", "-inf" and "nan" become numbers.
 */
export function loadReferenceBeside<T = unknown>(testUrl: string, relativePath: string): T {
  return parseReference<T>(readFileSync(fileURLToPath(new URL(relativePath, testUrl)), "utf8"));
}

function parseReference<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === "inf") return Infinity;
    if (value === "-inf") return -Infinity;
    if (value === "nan") return NaN;
    return value;
  }) as T;
}

/** The names of the reference files in a folder (e.g. "nengo"). */
export function listReferences(folder: string): string[] {
  return readdirSync(resolve(referenceDir, folder))
    .filter((f) => f.endsWith(".json"))
    .sort();
}

/** Flattens nested number arrays (row-major) into a Float64Array. */
export function flat(x: unknown): Float64Array {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) walk(e);
    else out.push(v as number);
  };
  walk(x);
  return Float64Array.from(out);
}

/**
 * Asserts |actual - expected| <= atol + rtol·|expected| elementwise (NaN matches NaN, infinities
 * must match exactly) and throws a message naming the first few offending indices.
 */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { rtol = 1e-9, atol = 1e-12, what = "values" }: { rtol?: number; atol?: number; what?: string } = {},
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: length ${actual.length}, expected ${expected.length}`);
  }
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = defined(actual[i]);
    const e = defined(expected[i]);
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) {
      bad.push(`[${i}] got ${a}, expected ${e}`);
      if (bad.length >= 5) break;
    }
  }
  if (bad.length > 0) throw new Error(`${what} differ (rtol ${rtol}, atol ${atol}):\n  ${bad.join("\n  ")}`);
}
