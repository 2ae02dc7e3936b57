import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

describe("the loader hook for tfjs-core's ES modules", () => {
  it("lets Node load tfjs-core's gradient registrations, and changes no other module's resolution", () => {
    // Plain Node (not vitest's loader nor tsx's, which resolve extensionless imports themselves:
    // tsImport compiles nodeSupport.ts alone), without and with the hook: an extensionless import
    // outside tfjs-core fails either way, as Node's does.
    const dir = mkdtempSync(join(tmpdir(), "plexus-hook-"));
    try {
      writeFileSync(join(dir, "a.mjs"), 'import "./b";\n');
      writeFileSync(join(dir, "b.js"), "export {};\n"); // what a hook adding ".js" everywhere would find
      const run = (hook: boolean): unknown => {
        const script = `
          const outcome = async (url) => import(url).then(() => "loaded", (e) => e.code);
          const { tsImport } = await import("tsx/esm/api");
          const { allowTfjsCoreModules } = await tsImport(${JSON.stringify(pathToFileURL(join(here, "nodeSupport.ts")).href)}, ${JSON.stringify(import.meta.url)});
          if (${hook}) allowTfjsCoreModules();
          const gradients = await outcome("@tensorflow/tfjs-core/dist/register_all_gradients.js");
          const elsewhere = await outcome(${JSON.stringify(pathToFileURL(join(dir, "a.mjs")).href)});
          console.log(JSON.stringify({ gradients, elsewhere }));`;
        const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: resolve(here, "../../..") });
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(r.stdout);
      };
      expect(run(false)).toEqual({ gradients: "ERR_MODULE_NOT_FOUND", elsewhere: "ERR_MODULE_NOT_FOUND" });
      expect(run(true)).toEqual({ gradients: "loaded", elsewhere: "ERR_MODULE_NOT_FOUND" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
