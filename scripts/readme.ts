// `npm run readme`: runs the flagship demo at its default settings and writes what the README
// shows of it: the tables of part 1 (between the README's demo markers) and the picture
// (docs/overview.png). test/readme.test.ts checks that the README's tables equal a fresh run's.
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Progress, runDemo, writeReport } from "@plexus/cli";
import { demoMarkdown, replaceGenerated } from "./demoMarkdown.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const work = await mkdtemp(join(tmpdir(), "plexus-readme-"));
const progress = new Progress();
try {
  const { results, failures } = await runDemo({ outDir: work, progress });
  progress.stop();
  if (failures.length > 0 || results.seedRescaling === null)
    throw new Error(`the demo did not run every part: ${results.missing.map((m) => `${m.section}: ${m.reason}`).join("; ")}`);
  const report = await writeReport(results, work, { png: true });
  if (report.overview === null) throw new Error("the demo wrote no overview picture");
  await copyFile(report.overview, join(root, "docs", "overview.png"));
  const readmePath = join(root, "README.md");
  const readme = await readFile(readmePath, "utf8");
  await writeFile(readmePath, replaceGenerated(readme, demoMarkdown(results.seedRescaling, results.seedRescalingAsReported)));
  console.log(`README.md and docs/overview.png regenerated from a demo run of ${results.wallSeconds.toFixed(0)} s.`);
} finally {
  progress.stop();
  await rm(work, { recursive: true, force: true });
}
