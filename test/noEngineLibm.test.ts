// Every transcendental function in the library code comes from Plexus's own libm
// (`@plexus/core/runtime`'s `libm`), never from the engine: Math.exp, Math.sin, ... differ in their
// last bits between engines (Node 20 and Chromium do), and Plexus promises the same bits
// everywhere. Math.sqrt and the basic operations are correctly rounded in IEEE 754 and stay. The
// `**` operator is Math.pow: allowed only where every engine gives the exact result (x ** 2,
// 2 ** k). Comments and tests (which use Math.* as an independent oracle) are not scanned.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const ENGINE_LIBM = /\bMath\.(exp|expm1|log|log1p|log2|log10|sin|cos|tan|sinh|cosh|tanh|asin|acos|atan|atan2|asinh|acosh|atanh|cbrt|hypot|pow)\b/;
/** `a ** b` unless b is the literal 2 or a is the literal 2 (exact in every engine). */
const POWER = /(?<!\b2\s*)\*\*(?!\s*2\b)/;

/** The library's source files: packages/* /src, without tests and type tests. */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "dist") walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) {
        out.push(path);
      }
    }
  };
  for (const pkg of readdirSync(join(ROOT, "packages"))) walk(join(ROOT, "packages", pkg, "src"));
  return out;
}

/** The lines of code (comments blanked) of `text` matching `re`, as "file:line: code". */
function offending(file: string, text: string, re: RegExp): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/\/\/[^\n]*/g, "");
  const hits: string[] = [];
  code.split("\n").forEach((line, i) => {
    if (re.test(line)) hits.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
  });
  return hits;
}

describe("no engine libm in packages/*/src", () => {
  const files = sources();

  it("scans the library's sources (the walk finds them)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith(join("core", "src", "runtime", "libm", "exp.ts")))).toBe(true);
  });

  it("calls no Math.exp, Math.log, Math.sin, ... (use libm from @plexus/core/runtime)", () => {
    expect(files.flatMap((f) => offending(f, readFileSync(f, "utf8"), ENGINE_LIBM))).toEqual([]);
  });

  it("uses ** only for x ** 2 and 2 ** k (use libm.pow)", () => {
    expect(files.flatMap((f) => offending(f, readFileSync(f, "utf8"), POWER))).toEqual([]);
  });

  it("the scan catches what it should (an oracle for the patterns)", () => {
    expect(offending("x.ts", "const y = Math.exp(x);\n// Math.sin(t) in a comment\n", ENGINE_LIBM)).toEqual(["x.ts:1: const y = Math.exp(x);"]);
    expect(offending("x.ts", "a = x ** 3; b = x ** 2; c = 2 ** k; /** doc */ d = y**(1 / n);", POWER)).toHaveLength(1);
    expect(offending("x.ts", "d = y ** (1 / n);", POWER)).toHaveLength(1);
    expect(offending("x.ts", "const s = Math.sqrt(x) + Math.abs(y) + Math.PI;", ENGINE_LIBM)).toEqual([]);
  });
});
