import type { TopLevelSpec } from "vega-lite";
import type { PhasePlane, TimeSeries } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";

/** Curves of one signal against another in time order (e.g. the state spiralling onto a limit cycle). */
export function loopPhaseChart(phase: PhasePlane, signals: TimeSeries): TopLevelSpec {
  const find = (name: string): readonly number[] => signals.series.find((s) => s.name === name)?.values ?? [];
  const values = phase.curves.flatMap((curve) => {
    const xs = find(curve.x);
    const ys = find(curve.y);
    return signals.t.map((t, i) => ({ curve: curve.label, t, x: xs[i] ?? NaN, y: ys[i] ?? NaN })).filter((d) => Number.isFinite(d.x) && Number.isFinite(d.y));
  });
  const labels = phase.curves.map((c) => c.label);
  const colors = ["#2563eb", "#059669", "#d97706"];
  let next = 0;
  const range = labels.map((l) => (l.startsWith("ideal") ? palette.ideal : (colors[next++ % colors.length] ?? palette.port)));
  return {
    data: { values },
    width: 300,
    height: 300,
    mark: { type: "line", strokeWidth: 1.2, clip: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: phase.xTitle, scale: { zero: false } },
      y: { field: "y", type: "quantitative", title: phase.yTitle, scale: { zero: false } },
      order: { field: "t", type: "quantitative" },
      color: {
        field: "curve",
        type: "nominal",
        scale: { domain: labels, range },
        legend: { title: null, orient: "top", direction: "horizontal", symbolType: "stroke", labelLimit: 0 },
      },
      strokeDash: {
        field: "curve",
        type: "nominal",
        scale: { domain: labels, range: labels.map((l) => (l.startsWith("ideal") ? [5, 3] : [1, 0])) },
        legend: null,
      },
    },
  };
}
