// The seed-rescaling example on short runs: the port path is exact on any setting, and on the
// converging settings the optimiser converges for several seeds.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defined } from "../../test/support/defined.js";
import { AS_REPORTED, CONVERGING, run, verdict } from "./main.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("seed-rescaling example (short data)", () => {
  it.each([0, 1, 2])("converges on the default settings (seed %i): portMse < 0.01, trainLoss within 2x of deployedLoss", async (seed) => {
    const warnings: string[] = [];
    const runs = await run({ lengths: [1, 2], seed, onWarning: (m) => void warnings.push(m) });
    expect(runs.map((r) => r.simT)).toEqual([1, 2]);
    for (const r of runs) {
      expect(r.portMse).toBe(r.deployedLoss);
      expect(r.portMse).toBeLessThan(0.01);
      expect(r.trainLoss / r.deployedLoss).toBeGreaterThan(0.5);
      expect(r.trainLoss / r.deployedLoss).toBeLessThan(2);
      expect(verdict(r)).toBeUndefined();
    }
    expect(warnings).toEqual([]);
  });

  it("on the report's setting (Adam 1e-3) the port path is still exact; the verdict names the optimiser, never the port", async () => {
    const runs = await run({ lengths: [1, 2], epochs: 20, learningRate: AS_REPORTED.learningRate, onWarning: () => {} });
    for (const r of runs) {
      expect(r.portMse).toBe(r.deployedLoss);
      expect(r.inputTransform).not.toBe(1);
      const v = verdict(r);
      if (v !== undefined) expect(v).toMatch(/^the optimiser did not converge/);
    }
  });

  it("flags a run whose trainLoss and deployedLoss are more than 2x apart", () => {
    const r = { simT: 1, trainLoss: 3e-4, deployedLoss: 1e-4, portMse: 1e-4, bypassMse: 1e-4, inputTransform: 1 };
    expect(verdict(r)).toMatch(/^the optimiser did not converge \(trainLoss 3\.000e-4/);
    expect(verdict({ ...r, trainLoss: 1.5e-4 })).toBeUndefined();
    expect(verdict({ ...r, portMse: 2e-4 })).toMatch(/^portMse 2\.0000e-4 differs from deployedLoss/);
  });

  it("prints { runs: [{ simT, trainLoss, deployedLoss, portMse, bypassMse, inputTransform }] } with --json", () => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=@plexus/source", resolve(here, "main.ts"), "--json", "--lengths", "1", "--epochs", "3"],
      {
        encoding: "utf8",
        cwd: resolve(here, "../.."),
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: Record<string, number>[] };
    expect(out.runs).toHaveLength(1);
    expect(Object.keys(defined(out.runs[0])).sort()).toEqual(["bypassMse", "deployedLoss", "inputTransform", "portMse", "simT", "trainLoss"]);
    expect(defined(out.runs[0])["simT"]).toBe(1);
  });

  it("defaults to the converging settings", () => {
    expect(CONVERGING.epochs).toBe(AS_REPORTED.epochs);
    expect(CONVERGING.learningRate).toBeLessThan(AS_REPORTED.learningRate);
  });
});
