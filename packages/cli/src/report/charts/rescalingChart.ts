import type { TopLevelSpec } from "vega-lite";
import type { SeedRescalingResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";
import { lengthLabel } from "../format.js";
import { traceNames } from "./seedTracesChart.js";

/** MSE through the port vs with the port transform dropped, per data length (log scale). */
export function rescalingChart(results: SeedRescalingResults): TopLevelSpec {
  const values = results.runs.flatMap((run, order) => [
    { length: lengthLabel(run.simT), order, path: traceNames.port, mse: run.portMse },
    { length: lengthLabel(run.simT), order, path: traceNames.bypass, mse: run.bypassMse },
  ]).filter((d) => Number.isFinite(d.mse) && d.mse > 0);
  const domain = [traceNames.port, traceNames.bypass];
  return {
    data: { values },
    width: 520,
    height: 230,
    mark: { type: "bar", cornerRadiusEnd: 2 },
    encoding: {
      x: { field: "length", type: "nominal", sort: { field: "order", op: "min" }, title: "training data length", axis: { labelAngle: 0 } },
      xOffset: { field: "path", type: "nominal", scale: { domain } },
      y: { field: "mse", type: "quantitative", scale: { type: "log" }, title: "MSE on the training signal (log)" },
      color: {
        field: "path",
        type: "nominal",
        scale: { domain, range: [palette.port, palette.bypass] },
        legend: { title: null, orient: "top", direction: "horizontal", labelLimit: 400 },
      },
      tooltip: [{ field: "length" }, { field: "path" }, { field: "mse", format: ".3e" }],
    },
  };
}
