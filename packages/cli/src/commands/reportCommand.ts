import { dirname } from "node:path";
import type { Command } from "commander";
import { displayPath } from "../internal/displayPath.js";

interface ReportOptions {
  readonly out?: string;
  readonly png: boolean;
  readonly json?: boolean;
}

/** `plexus report <results.json>`: renders the report page from a results file. */
export function addReportCommand(program: Command): void {
  program
    .command("report")
    .description("render the report page (index.html, PNG copies of the plots) from a results file")
    .argument("<results>", "a results.json written by 'plexus demo'")
    .option("-o, --out <dir>", "folder to write index.html and png/ into (default: the results file's folder)")
    .option("--no-png", "skip the PNG copies of the plots")
    .option("--json", "print the paths written, as JSON")
    .option("--verbose", "on error, print the stack and every cause")
    .action(async function (this: Command, resultsPath: string) {
      const options = this.opts<ReportOptions>();
      // Loaded on use: vega takes a while to import, and --help should not wait for it.
      const { readResultsFile } = await import("../results/readResultsFile.js");
      const results = await readResultsFile(resultsPath);
      const { writeReport } = await import("../report/writeReport.js");
      const resultsDir = dirname(resultsPath);
      const written = await writeReport(results, options.out ?? resultsDir, { resultsDir, png: options.png });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(written, null, 2)}\n`);
        return;
      }
      process.stdout.write(`Report: ${displayPath(written.html)}\n`);
      const pngs = Object.values(written.png);
      if (written.overview !== null) process.stdout.write(`Picture: ${displayPath(written.overview)}\n`);
      if (pngs.length > 0) process.stdout.write(`PNG copies of the plots: ${pngs.map(displayPath).join(", ")}\n`);
    });
}
