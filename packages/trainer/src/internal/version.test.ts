import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { plexusVersion } from "./version.js";

describe("plexusVersion", () => {
  it("is the version in @plexus/trainer's package.json (bump both together)", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(plexusVersion()).toBe(pkg.version);
  });
});
