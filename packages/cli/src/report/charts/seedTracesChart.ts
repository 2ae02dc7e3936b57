import type { TopLevelSpec } from "vega-lite";
import type { SeedRescalingResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";
import { lengthLabel } from "../format.js";

/** Legend names of the three traces. */
export const traceNames = {
  target: "target",
  port: "through the port",
  bypass: "learned port transform dropped",
} as const;

/**
 * Output vs target over time, one panel per data length: the port's output sits on the target at
 * every length, the bypassed output is rescaled. The target is drawn last (dashed) so it shows
 * even where the port's output covers it.
 */
export function seedTracesChart(results: SeedRescalingResults): TopLevelSpec {
  const values: { length: string; order: number; t: number; value: number; signal: string }[] = [];
  results.runs.forEach((run, order) => {
    for (const key of ["bypass", "port", "target"] as const) {
      const series = run.trace.series.find((s) => s.name === key);
      if (series === undefined) continue;
      series.values.forEach((value, i) => {
        const t = run.trace.t[i];
        if (t !== undefined && Number.isFinite(value))
          values.push({ length: `${lengthLabel(run.simT)} of training data`, order, t, value, signal: traceNames[key] });
      });
    }
  });
  const domain = [traceNames.target, traceNames.port, traceNames.bypass];
  const colors = [palette.target, palette.port, palette.bypass];
  const color = {
    field: "signal",
    type: "nominal",
    scale: { domain, range: colors },
    legend: { title: null, orient: "top", direction: "horizontal", symbolType: "stroke", labelLimit: 0, symbolStrokeWidth: 2.5 },
  } as const;
  const x = { field: "t", type: "quantitative", title: "time (s)", axis: { tickCount: 5 } } as const;
  const y = { field: "value", type: "quantitative", title: "output", axis: { tickCount: 5 } } as const;
  return {
    data: { values },
    facet: {
      field: "length",
      type: "nominal",
      sort: { field: "order", op: "min" },
      header: { title: null, labelFontSize: 12, labelPadding: 6 },
    },
    columns: 3,
    spacing: { row: 20, column: 16 },
    spec: {
      width: 280,
      height: 150,
      layer: [
        {
          transform: [{ filter: { field: "signal", oneOf: [traceNames.port, traceNames.bypass] } }],
          mark: { type: "line", clip: true, strokeWidth: 1.8 },
          encoding: { x, y, color },
        },
        {
          transform: [{ filter: { field: "signal", equal: traceNames.target } }],
          mark: { type: "line", clip: true, strokeWidth: 1.6, strokeDash: [5, 3] },
          encoding: { x, y, color },
        },
      ],
    },
    resolve: { scale: { y: "shared" } },
  };
}
