// The README's account of the demo is the demo's: its tables equal those of a fresh run of part 1
// at the default settings (full sizes, seed 0), and on those settings every length converges.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Progress } from "@plexus/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeedRescalingPanels, seedRescalingPart } from "../packages/cli/src/demo/seedRescalingPart.js";
import { demoMarkdown, generatedPart } from "../scripts/demoMarkdown.js";

const root = fileURLToPath(new URL("../", import.meta.url));
let work: string;
let panels: SeedRescalingPanels;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "plexus-readme-test-"));
  // Part 1 as `plexus demo` runs it by default: full sizes, seed 0, both panels.
  const outcome = await seedRescalingPart({ outDir: work, quick: false, seed: 0, progress: new Progress({ quiet: true }), threads: 1 });
  if (!outcome.ran) throw new Error(`part 1 did not run: ${outcome.reason}`);
  panels = outcome.value;
}, 900_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("the README", () => {
  it("shows the demo's own numbers: its generated part equals a fresh run's (npm run readme regenerates it)", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    expect(generatedPart(readme)).toBe(demoMarkdown(panels.main, panels.asReported));
  });

  it("runs the demo on settings that converge at every length (port MSE < 0.01, trainLoss within 2x of deployedLoss)", () => {
    expect(panels.main.setup.settings).toBe("converging");
    for (const run of panels.main.runs) {
      expect(run.portMse).toBe(run.deployedLoss);
      expect(run.portMse).toBeLessThan(0.01);
      expect(run.trainLoss / run.deployedLoss).toBeLessThan(2);
      expect(run.deployedLoss / run.trainLoss).toBeLessThan(2);
      expect(run.verdict).toBeNull();
    }
  });

  it("shows the report's setting beside it, where the port path stays exact", () => {
    expect(panels.asReported?.setup).toMatchObject({ settings: "as-reported", learningRate: 1e-3, epochs: 100 });
    for (const run of panels.asReported?.runs ?? []) expect(run.portMse).toBe(run.deployedLoss);
  });
});
