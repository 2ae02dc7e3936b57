import { readFileSync } from "node:fs";

let cached: string | undefined;

/** The version of @plexus/trainer (from its package.json, beside src/ and dist/ alike). */
export function plexusVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
      cached = typeof pkg.version === "string" ? pkg.version : "unknown";
    } catch {
      cached = "unknown";
    }
  }
  return cached;
}
