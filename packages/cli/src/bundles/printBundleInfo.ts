import { textTable } from "../internal/textTable.js";
import { formatBytes, formatNumber } from "../report/format.js";
import type { BundleInfo } from "./inspectBundle.js";

/** `plexus inspect` for a person: ports, parameters, training report, checksum. */
export function printBundleInfo(info: BundleInfo): string {
  const r = info.report;
  const values = info.parameters.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
  const lines = [
    `${info.path} (${formatBytes(info.bytes)})`,
    `Subnetwork ${info.label === null ? "(unlabelled)" : `'${info.label}'`} · checksum ${info.checksum} (SHA-256 of the contents matches the saved one)`,
    "",
    "Ports",
    indent(
      textTable(
        ["direction", "port", "dimensions"],
        [...info.ports.inputs.map((p) => ["in", p.name, String(p.dimensions)]), ...info.ports.outputs.map((p) => ["out", p.name, String(p.dimensions)])],
        [false, false, true],
      ),
    ),
    "",
    `Parameters (${info.parameters.length}, ${values.toLocaleString("en-US")} values)`,
    indent(
      textTable(
        ["name", "shape", "norm", "min", "max", "trainable"],
        info.parameters.map((p) => [
          p.name,
          `[${p.shape.join(", ")}]`,
          formatNumber(p.norm),
          formatNumber(p.min),
          formatNumber(p.max),
          p.trainable ? "yes" : "no",
        ]),
        [false, true, true, true, true, false],
      ),
    ),
    "",
    "Training report",
    `   trainer ${r.trainer} (engine ${r.engine}), loss ${r.loss}, ${r.epochs} epoch${r.epochs === 1 ? "" : "s"}`,
    `   trainLoss ${formatNumber(r.trainLoss)} (running average over the last epoch)`,
    `   deployedLoss ${formatNumber(r.deployedLoss)} (the frozen subnetwork on the simulator, through its ports)`,
    `   dt ${formatNumber(r.dt)} s, seed ${r.seed}`,
  ];
  if (r.stopped !== undefined) lines.push(`   stopped early: ${r.stopped.message}`);
  return `${lines.join("\n")}\n`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `   ${l}`)
    .join("\n");
}
