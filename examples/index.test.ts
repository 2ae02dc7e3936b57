import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { examples, findExample } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, "package.json"), "utf8")) as { exports: Record<string, unknown> };

describe("the examples catalog", () => {
  it("lists every folder with a main.ts, and each is exported by the package", () => {
    const folders = readdirSync(here, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(here, e.name, "main.ts")))
      .map((e) => e.name)
      .sort();
    expect(examples.map((e) => e.name)).toEqual(folders);
    for (const e of examples) {
      expect(e.main).toBe(join(here, e.name, "main.ts"));
      expect(Object.keys(pkg.exports)).toContain(`./${e.name}`);
    }
  });

  it("summarises each example by the title of its README", () => {
    for (const e of examples) {
      const title = readFileSync(join(here, e.name, "README.md"), "utf8").split("\n")[0];
      expect(title).toBe(`# ${e.summary}`);
    }
  });

  it("finds an example by name", () => {
    expect(findExample("walkthrough")?.name).toBe("walkthrough");
    expect(findExample("nope")).toBeUndefined();
  });
});
