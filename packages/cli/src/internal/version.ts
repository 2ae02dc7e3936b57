import { readFileSync } from "node:fs";

/** The version of @plexus/cli (the Plexus packages share one version). */
export const plexusVersion: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
