import type { TopLevelSpec } from "vega-lite";
import type { CoupledLoopResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";

/** The coupled loop's signals over time; a series named "ideal" is drawn dashed and gray. */
export function loopSignalsChart(results: CoupledLoopResults): TopLevelSpec {
  const { t, series } = results.signals;
  const values = series.flatMap((s, order) =>
    s.values.map((value, i) => ({ signal: s.name, order, t: t[i] ?? NaN, value })).filter((d) => Number.isFinite(d.value) && Number.isFinite(d.t)),
  );
  const names = series.map((s) => s.name);
  const colors = ["#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2"];
  let next = 0;
  const range = names.map((n) => (n === "ideal" ? palette.ideal : (colors[next++ % colors.length] ?? palette.port)));
  return {
    data: { values },
    width: 900,
    height: 240,
    mark: { type: "line", clip: true },
    encoding: {
      x: { field: "t", type: "quantitative", title: "time (s)" },
      y: { field: "value", type: "quantitative", title: "signal value" },
      color: { field: "signal", type: "nominal", scale: { domain: names, range }, legend: { title: null, orient: "top", direction: "horizontal", symbolType: "stroke", labelLimit: 300 } },
      strokeDash: { field: "signal", type: "nominal", scale: { domain: names, range: names.map((n) => (n === "ideal" ? [5, 3] : [1, 0])) }, legend: null },
    },
  };
}
