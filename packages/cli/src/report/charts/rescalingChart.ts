import type { TopLevelSpec } from "vega-lite";
import type { SeedRescalingResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";
import { traceNames } from "./seedTracesChart.js";

/**
 * MSE against the length of training data (log scale): through the port (flat and low) and with
 * the learned port transform dropped (growing with the data, the rescaling of the report).
 */
export function rescalingChart(results: SeedRescalingResults): TopLevelSpec {
  const values = results.runs
    .flatMap((run) => [
      { simT: run.simT, path: traceNames.port, mse: run.portMse },
      { simT: run.simT, path: traceNames.bypass, mse: run.bypassMse },
    ])
    .filter((d) => Number.isFinite(d.mse) && d.mse > 0);
  const domain = [traceNames.port, traceNames.bypass];
  return {
    data: { values },
    width: 600,
    height: 240,
    mark: { type: "line", point: { filled: true, size: 60 }, strokeWidth: 2.2 },
    encoding: {
      x: {
        field: "simT",
        type: "quantitative",
        title: "length of training data (s)",
        scale: { zero: true, nice: true },
        axis: { values: results.runs.map((r) => r.simT), labelFlush: false },
      },
      y: { field: "mse", type: "quantitative", scale: { type: "log" }, title: "MSE against the target (log scale)" },
      color: {
        field: "path",
        type: "nominal",
        scale: { domain, range: [palette.port, palette.bypass] },
        legend: { title: null, orient: "top", direction: "horizontal", labelLimit: 0 },
      },
      tooltip: [
        { field: "simT", title: "data (s)" },
        { field: "path", title: "path" },
        { field: "mse", title: "MSE", format: ".3e" },
      ],
    },
  };
}
