import type { TopLevelSpec } from "vega-lite";
import type { CoupledLoopResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";

const COLORS = ["#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2"];

/** The coupled loop's signals, one panel per entry of `panels`, sharing the time axis; "ideal…" series dashed. */
export function loopSignalsChart(results: CoupledLoopResults): TopLevelSpec {
  const { t, series } = results.signals;
  const panels = results.panels.map((panel, p) => {
    const values = panel.series.flatMap((name) => {
      const s = series.find((x) => x.name === name);
      return s === undefined
        ? []
        : s.values.map((value, i) => ({ name, t: t[i] ?? NaN, value })).filter((d) => Number.isFinite(d.value) && Number.isFinite(d.t));
    });
    let next = 0;
    const range = panel.series.map((name) =>
      isIdeal(name) ? palette.ideal : name.includes("without") ? "#9ca3af" : (COLORS[next++ % COLORS.length] ?? palette.port),
    );
    const last = p === results.panels.length - 1;
    return {
      data: { values },
      title: { text: panel.title, anchor: "start", fontSize: 13, fontWeight: 600, offset: 4 },
      width: 900,
      height: 130,
      mark: { type: "line", clip: true, strokeWidth: 1.6 },
      encoding: {
        x: { field: "t", type: "quantitative", title: last ? "time (s)" : null, axis: last ? {} : { labels: false } },
        y: { field: "value", type: "quantitative", title: panel.yTitle, axis: { tickCount: 4 } },
        color: {
          field: "name",
          type: "nominal",
          scale: { domain: [...panel.series], range },
          legend: { title: null, orient: "right", symbolType: "stroke", labelLimit: 0 },
        },
        strokeDash: {
          field: "name",
          type: "nominal",
          scale: { domain: [...panel.series], range: panel.series.map((n) => (isIdeal(n) ? [5, 3] : [1, 0])) },
          legend: null,
        },
      },
    };
  });
  return {
    vconcat: panels,
    spacing: 14,
    resolve: { scale: { color: "independent", strokeDash: "independent" }, legend: { color: "independent" } },
  } as TopLevelSpec;
}

function isIdeal(name: string): boolean {
  return name.startsWith("ideal");
}
