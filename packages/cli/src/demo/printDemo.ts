import { dirname, join } from "node:path";
import { displayPath } from "../internal/displayPath.js";
import { textTable } from "../internal/textTable.js";
import { formatBytes, formatMeasure, formatNumber, formatPercent, formatRatio, formatSeconds, formatTransform, lengthLabel } from "../report/format.js";
import type { WrittenReport } from "../report/writeReport.js";
import type { DemoResults, SeedRescalingResults } from "../results/DemoResults.js";

/** The demo's story for the terminal: the tables, where results came from, where the report is. */
export function printDemo(results: DemoResults, report: WrittenReport, resultsPath: string): string {
  const out: string[] = [
    `Plexus flagship demo · ${formatSeconds(results.wallSeconds)} wall, ${formatSeconds(results.cpuSeconds)} CPU${results.quick ? " · quick run (reduced sizes)" : ""}`,
    "",
  ];
  if (results.seedRescaling !== null) out.push(...seedPanel(results.seedRescaling, "1. The loss you see is the loss you deploy"));
  if (results.seedRescalingAsReported !== null) out.push(...seedPanel(results.seedRescalingAsReported, "1b. The same on the report's setting"));
  const loop = results.coupledLoop;
  if (loop !== null) {
    out.push(`2. Trained apart, run together: ${loop.description}`);
    out.push(
      indent(
        textTable(
          ["subnetwork", "trainer", "trainLoss", "deployedLoss", "trained in"],
          loop.subnetworks.map((s) => [s.name, s.trainer, formatNumber(s.trainLoss), formatNumber(s.deployedLoss), formatSeconds(s.trainSeconds)]),
          [false, false, true, true, true],
        ),
      ),
    );
    for (const e of [loop.error, ...loop.otherErrors]) {
      out.push(`   ${e.compared}: RMSE ${formatNumber(e.rmse)} (${formatPercent(e.rmse / e.idealRms)} of the ideal's RMS)`);
    }
    for (const m of loop.measures) {
      const unit = m.unit === "" ? "" : ` ${m.unit}`;
      out.push(
        `   ${m.name}: ${formatMeasure(m.value)}${m.spread === null ? "" : ` ± ${formatNumber(m.spread)}`}${unit}${m.ideal === null ? "" : ` (ideal ${formatMeasure(m.ideal)}${unit})`}`,
      );
    }
    for (const k of loop.checks) out.push(`   ${k.passed ? "✓" : "✗"} ${k.name}`);
    out.push("");
  }
  if (results.bundles.length > 0) {
    out.push("3. Where each result came from: the saved bundles");
    out.push(
      indent(
        textTable(
          ["bundle", "file", "size", "reloaded"],
          results.bundles.map((b) => [b.name, b.path, formatBytes(b.bytes), b.reloadCheck === "identical" ? "predicts bit for bit the same" : "DIFFERS"]),
          [false, false, true, false],
        ),
      ),
    );
    const first = results.bundles[0];
    if (first !== undefined) {
      out.push(`   Reload one (import { load } from "@plexus/trainer/node"): ${first.reload}`);
      out.push(`   Inspect one: npx plexus inspect ${displayPath(join(dirname(resultsPath), first.path))}`);
    }
    out.push("");
  }
  for (const m of results.missing) out.push(`Not run: ${m.section}: ${m.reason}`);
  if (results.missing.length > 0) out.push("");
  out.push(`Report:  ${displayPath(report.html)}`);
  out.push(`Results: ${displayPath(resultsPath)}`);
  const pngs = Object.values(report.png);
  if (report.overview !== null) out.push(`Picture: ${displayPath(report.overview)} (for a README)`);
  if (pngs.length > 0) out.push(`Plots:   ${pngs.map(displayPath).join(", ")}`);
  return `${out.join("\n")}\n`;
}

/** One panel of part 1: its settings, the table, the verdicts and the trainer's warnings. */
function seedPanel(seed: SeedRescalingResults, title: string): string[] {
  const u = seed.setup;
  const how = u.settings === "converging" ? "settings that converge" : u.settings === "as-reported" ? "the report's setting" : "settings from the command line";
  const out = [`${title}: ${u.network}, gradient descent, Adam ${formatNumber(u.learningRate)}, ${u.epochs} epochs (${how})`];
  out.push(
    indent(
      textTable(
        ["data", "trainLoss", "deployedLoss", "MSE through the port", "MSE, port transform dropped", "dropped/port", "port transform"],
        seed.runs.map((r) => [
          lengthLabel(r.simT),
          formatNumber(r.trainLoss),
          formatNumber(r.deployedLoss),
          formatNumber(r.portMse),
          formatNumber(r.bypassMse),
          formatRatio(r.bypassMse / r.portMse),
          r.inputTransform.map(formatTransform).join(", "),
        ]),
        [true, true, true, true, true, true, true],
      ),
    ),
  );
  for (const run of seed.runs) if (run.verdict !== null) out.push(`   ${lengthLabel(run.simT)}: not as expected: ${run.verdict}`);
  const warned = seed.runs.filter((r) => r.trainerWarnings.length > 0).map((r) => lengthLabel(r.simT));
  if (warned.length > 0)
    out.push(`   The trainer warned at ${warned.join(", ")}: its reported loss and the deployed loss are more than a factor of 2 apart (see the report).`);
  out.push("");
  return out;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `   ${l}`)
    .join("\n");
}
