// A shortened run of the seed-rescaling example: 1 and 2 s of data, 20 epochs.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run, verdict } from "./main.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("seed-rescaling example (shortened)", () => {
  it("deploys what it reports: portMse equals deployedLoss; dropping the learned port transform costs accuracy", async () => {
    const warnings: string[] = [];
    const runs = await run({ lengths: [1, 2], epochs: 20, onWarning: (m) => void warnings.push(m) });
    expect(runs.map((r) => r.simT)).toEqual([1, 2]);
    for (const r of runs) {
      expect(Math.abs(r.portMse - r.deployedLoss) / r.deployedLoss).toBeLessThan(1e-4);
      expect(Number.isFinite(r.trainLoss)).toBe(true);
      expect(r.inputTransform).not.toBe(1);
      expect(r.bypassMse).toBeGreaterThan(r.portMse);
      // Only the optimiser may fall short (reported with its numbers), never the port path.
      const v = verdict(r);
      if (v !== undefined) expect(v).toMatch(/^the optimiser did not reach/);
    }
  });

  it("prints { runs: [{ simT, trainLoss, deployedLoss, portMse, bypassMse, inputTransform }] } with --json", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@plexus/source", resolve(here, "main.ts"), "--json", "--lengths", "1", "--epochs", "3"], {
      encoding: "utf8",
      cwd: resolve(here, "../.."),
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: Record<string, number>[] };
    expect(out.runs).toHaveLength(1);
    expect(Object.keys(out.runs[0]!).sort()).toEqual(["bypassMse", "deployedLoss", "inputTransform", "portMse", "simT", "trainLoss"]);
    expect(out.runs[0]!["simT"]).toBe(1);
  });
});
