import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { DemoResults } from "../results/DemoResults.js";
import { overviewChart } from "./charts/overviewChart.js";
import { formatNumber, lengthLabel } from "./format.js";
import { renderChart } from "./renderChart.js";
import { renderPng } from "./renderPng.js";
import { renderReport } from "./renderReport.js";
import { summarize } from "./summarize.js";

export interface WriteReportOptions {
  /** Folder of the results file, so the page can link to bundles (default: `outDir`). */
  readonly resultsDir?: string;
  /** Also write a PNG copy of each plot under `png/` (default true). */
  readonly png?: boolean;
}

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** The page, `<outDir>/index.html`. */
  readonly html: string;
  /** PNG copies of the plots, `<outDir>/png/<plot>.png`, by plot id. */
  readonly png: Readonly<Record<string, string>>;
  /** A small picture of the headline result for the README, `<outDir>/overview.png` (null when part 1 did not run). */
  readonly overview: string | null;
}

/** Renders the report of `results` into `outDir` (created if needed; files replaced atomically). */
export async function writeReport(results: DemoResults, outDir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const out = resolve(outDir);
  const resultsBase =
    relative(out, resolve(options.resultsDir ?? out))
      .split("\\")
      .join("/") || ".";
  const { html, charts } = await renderReport(results, { resultsBase });
  await mkdir(out, { recursive: true });
  const htmlPath = join(out, "index.html");
  await writeAtomically(htmlPath, html);
  const png: Record<string, string> = {};
  if (options.png ?? true) {
    await mkdir(join(out, "png"), { recursive: true });
    for (const chart of charts) {
      const path = join(out, "png", `${chart.id}.png`);
      await writeAtomically(path, renderPng(chart.svg));
      png[chart.id] = path;
    }
  }
  const overview = (options.png ?? true) ? await writeOverview(results, out) : null;
  return { html: htmlPath, png, overview };
}

/** The README picture: output vs target per data length, titled with the run's own numbers. */
async function writeOverview(results: DemoResults, out: string): Promise<string | null> {
  const seed = results.seedRescaling;
  if (seed === null) return null;
  const s = summarize(results);
  const first = seed.runs[0];
  const last = seed.runs[seed.runs.length - 1];
  const lines = [
    `Trained by gradient descent on ${first === undefined || last === undefined ? "" : first === last ? lengthLabel(first.simT) : `${lengthLabel(first.simT)} to ${lengthLabel(last.simT)}`} of x = y = sin(2π·${formatNumber(seed.setup.signalHz)}t).`,
    `Through the port, MSE = the simulator's deployed loss at ${s.agreeing} of ${s.runs} lengths.`,
  ];
  if (s.largestBypassMse !== null) {
    lines.push(`Learned port transform dropped (old pass-through wiring): MSE up to ${formatNumber(s.largestBypassMse.bypassMse)}.`);
  }
  const chart = await renderChart("overview", "Overview", overviewChart(seed, lines));
  const path = join(out, "overview.png");
  await writeAtomically(path, renderPng(chart.svg, 1));
  return path;
}

async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
