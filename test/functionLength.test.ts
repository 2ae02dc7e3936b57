// No function in the folders held to the limit (scripts/functionLengths.ts, LIMITED: every
// package's src, examples and bench; tests are not held) runs over MAX_FUNCTION_LINES lines.
// `npx tsx scripts/functionLengths.ts [DIR]` lists the long functions.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functionLengths, LIMITED, longFunctions, MAX_FUNCTION_LINES } from "../scripts/functionLengths.js";

const ROOT = join(import.meta.dirname, "..");

describe("function length", () => {
  it(`no function over ${MAX_FUNCTION_LINES} lines in ${LIMITED.join(", ")}`, () => {
    const long = longFunctions(LIMITED.map((d) => join(ROOT, d))).map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });

  it("holds every package's src, the examples and the benchmarks (a new package is held too)", () => {
    const packages = readdirSync(join(ROOT, "packages")).filter((p) => existsSync(join(ROOT, "packages", p, "src")));
    expect(packages.length).toBeGreaterThan(0);
    expect([...LIMITED].sort()).toEqual([...packages.map((p) => `packages/${p}/src`), "examples", "bench"].sort());
  });

  it("measures what it should (an oracle: functions of known length, nested ones inside their parent)", () => {
    const body = (n: number): string => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");
    const text = [
      `export function outer(): void {`, // line 1
      body(3), // lines 2-4
      `  const inner = (x: number): number => {`, // line 5
      `    return x;`,
      `  };`, // line 7
      `}`, // line 8
      `class K {`,
      `  method(): number {`, // line 10
      `    return 1;`,
      `  }`, // line 12
      `}`,
    ].join("\n");
    const found = functionLengths("x.ts", text).map((f) => [f.name, f.line, f.lines]);
    expect(found).toEqual([
      ["outer", 1, 8],
      ["inner", 5, 3],
      ["K.method", 10, 3],
    ]);
  });
});
