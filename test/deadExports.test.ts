// No package exports what nothing uses (scripts/deadExports.ts): every export of an entry point
// is imported by another package, an example, a test, a bench, a script or a README's code, or is
// named by the public declaration of one that is, or is on the script's short ALLOWED list of
// public API kept on purpose. And no library code has a test hook: an exported module-level `let`,
// an exported object that is not frozen, or a public writable member that only tests assign.
// `npx tsx scripts/deadExports.ts` lists them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ALLOWED, type DeadExportsReport, deadExports } from "../scripts/deadExports.js";

describe("dead exports", () => {
  const report: DeadExportsReport = deadExports(ALLOWED);

  it("every export of a package's entry points is used, reachable from a used one, or ALLOWED", () => {
    expect(report.entries.map((e) => e.specifier)).toContain("@plexus/core/runtime");
    expect(report.unused.filter((key) => !ALLOWED.includes(key))).toEqual([]);
  });

  it("ALLOWED lists only exports that nothing uses (an entry that became used, or is gone, leaves the list)", () => {
    expect(ALLOWED.filter((key) => !report.unused.includes(key))).toEqual([]);
  });

  it("no library code has a test hook (an exported `let`, an exported object not frozen, a public member only tests assign)", () => {
    expect(report.testHooks.map((h) => `${h.file}:${h.line} ${h.name}: ${h.why}`)).toEqual([]);
  });
});

describe("the analysis (an oracle: a small repository whose answers are known)", () => {
  const root = mkdtempSync(join(tmpdir(), "plexus-dead-exports-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const files: Record<string, string> = {
    "packages/a/package.json": JSON.stringify({ name: "@x/a", exports: { ".": { "@plexus/source": "./src/index.ts" }, "./internal/*": null } }),
    "packages/a/src/index.ts": [
      `export type { Lonely, Options, Shape } from "./things.js";`,
      `export { counter, sealed, table, used, unused, viaSelf } from "./things.js";`,
      `export { Box } from "./Box.js";`,
    ].join("\n"),
    "packages/a/src/things.ts": [
      `export interface Shape { readonly n: number }`,
      `export interface Lonely { readonly n: number }`,
      `export interface Options { readonly s: Shape }`,
      `export function used(o: Options): Shape { const l: Lonely = o.s; return l; }`,
      `export function unused(): void {}`,
      `export function viaSelf(): void {}`,
      `export let counter = 0;`,
      `export const table = { a: 1 } as const;`,
      `export const sealed = Object.freeze({ a: 1 });`,
    ].join("\n"),
    "packages/a/src/Box.ts": `export class Box { hook = 1; state = 0; readonly fixed = 2; bump(): void { this.state++; } }`,
    // the package's own sources importing its entry do not make an export needed
    "packages/a/src/self.ts": `import { viaSelf } from "./index.js";\nviaSelf();`,
    "packages/b/package.json": JSON.stringify({ name: "@x/b", exports: { ".": { "@plexus/source": "./src/index.ts" } } }),
    "packages/b/src/index.ts": `import * as a from "@x/a";\na.used({ s: { n: 1 } });`,
    "test/box.test.ts": `import { Box, sealed, table } from "@x/a";\nconsole.log(sealed, table);\nconst b = new Box();\nb.hook = 3;\nb.bump();`,
    "README.md": 'Use it:\n\n```ts\nimport type { Options } from "@x/a";\n```\n\n```sh\nimport { unused } from "@x/a"\n```\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  it("finds the unused exports (not a type a used signature names, not one only its own package imports)", () => {
    const found = deadExports([], root);
    expect(found.entries.map((e) => e.specifier)).toEqual(["@x/a", "@x/b"]);
    expect(found.unused).toEqual(["@x/a#Lonely", "@x/a#counter", "@x/a#unused", "@x/a#viaSelf"]);
    const info = (name: string) => found.exports.find((e) => e.specifier === "@x/a" && e.name === name);
    expect(info("Shape")?.reachable).toBe(true);
    expect(info("Options")?.usedBy).toEqual(["README.md"]);
    expect(info("used")?.usedBy).toEqual(["packages/b/src/index.ts"]);
    expect(info("Box")?.usedBy).toEqual(["test/box.test.ts"]);
  });

  it("keeps an allowed export listed, and counts what its public face names as reachable", () => {
    const withLonely = files["packages/a/src/things.ts"]?.replace("export function unused(): void {}", "export function unused(l: Lonely): void {}");
    writeFileSync(join(root, "packages/a/src/things.ts"), withLonely ?? "");
    try {
      expect(deadExports(["@x/a#unused"], root).unused).toEqual(["@x/a#counter", "@x/a#unused", "@x/a#viaSelf"]);
    } finally {
      writeFileSync(join(root, "packages/a/src/things.ts"), files["packages/a/src/things.ts"] ?? "");
    }
  });

  it("finds the test hooks: an exported `let`, an exported object not frozen, a public field only tests assign (not one the class sets itself)", () => {
    const hooks = deadExports([], root).testHooks.map((h) => `${h.file}:${h.line} ${h.name}`);
    expect(hooks).toEqual(["packages/a/src/things.ts:7 counter", "packages/a/src/things.ts:8 table", "packages/a/src/Box.ts:1 Box.hook"]);
  });
});
