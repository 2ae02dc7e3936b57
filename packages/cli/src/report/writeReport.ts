import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { DemoResults } from "../results/DemoResults.js";
import { renderPng } from "./renderPng.js";
import { renderReport } from "./renderReport.js";

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
}

/** Renders the report of `results` into `outDir` (created if needed; files replaced atomically). */
export async function writeReport(results: DemoResults, outDir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const out = resolve(outDir);
  const resultsBase = relative(out, resolve(options.resultsDir ?? out)).split("\\").join("/") || ".";
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
  return { html: htmlPath, png };
}

async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
