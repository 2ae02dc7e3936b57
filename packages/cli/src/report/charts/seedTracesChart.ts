import type { TopLevelSpec } from "vega-lite";
import type { SeedRescalingResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";
import { lengthLabel } from "../format.js";

/** Legend names of the three traces, in legend order. */
export const traceNames = {
  target: "target",
  port: "output through the port",
  bypass: "output bypassing the learned port transform",
} as const;

/**
 * Output vs target over time, one panel per data length: the port's output sits on the target at
 * every length, the bypassed output drifts away from it as the learned transform grows.
 */
export function seedTracesChart(results: SeedRescalingResults): TopLevelSpec {
  const values: { length: string; order: number; t: number; value: number; signal: string }[] = [];
  results.runs.forEach((run, order) => {
    for (const key of ["target", "port", "bypass"] as const) {
      const series = run.trace.series.find((s) => s.name === key);
      if (series === undefined) continue;
      series.values.forEach((value, i) => {
        const t = run.trace.t[i];
        if (t !== undefined && Number.isFinite(value)) values.push({ length: lengthLabel(run.simT), order, t, value, signal: traceNames[key] });
      });
    }
  });
  const domain = [traceNames.target, traceNames.port, traceNames.bypass];
  return {
    data: { values },
    facet: {
      field: "length",
      type: "nominal",
      sort: { field: "order", op: "min" },
      header: { title: null, labelFontSize: 12, labelPadding: 4 },
    },
    columns: 3,
    spacing: { row: 18, column: 14 },
    spec: {
      width: 250,
      height: 140,
      mark: { type: "line", clip: true },
      encoding: {
        x: { field: "t", type: "quantitative", title: "time (s)", axis: { tickCount: 5 } },
        y: { field: "value", type: "quantitative", title: "output", axis: { tickCount: 5 } },
        color: {
          field: "signal",
          type: "nominal",
          scale: { domain, range: [palette.target, palette.port, palette.bypass] },
          legend: { title: null, orient: "top", direction: "horizontal", symbolType: "stroke", labelLimit: 400 },
        },
        strokeDash: {
          field: "signal",
          type: "nominal",
          scale: { domain, range: [[5, 3], [1, 0], [1, 0]] },
          legend: null,
        },
        strokeWidth: {
          field: "signal",
          type: "nominal",
          scale: { domain, range: [2.4, 1.6, 1.6] },
          legend: null,
        },
      },
    },
    resolve: { scale: { y: "shared" } },
  };
}
