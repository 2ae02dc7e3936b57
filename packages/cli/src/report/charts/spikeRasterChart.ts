import { numAt } from "@plexus/core/runtime";
import type { TopLevelSpec } from "vega-lite";
import type { SpikeRaster } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";

const GROUP_COLORS = ["#2563eb", "#059669", "#d97706", "#7c3aed"];
const SIGNAL_COLORS = [palette.target, "#111827", "#2563eb", "#059669"];
const WIDTH = 900;

/**
 * What the ensemble represents (top) over its spike raster (bottom): one row per neuron, one tick
 * per spike, neurons coloured by group; both share the time axis.
 */
export function spikeRasterChart(raster: SpikeRaster): TopLevelSpec {
  const groupOf = (n: number): string => raster.groups.find((g) => n >= g.first && n < g.first + g.count)?.label ?? "neurons";
  const spikes = raster.t.map((t, i) => {
    const neuron = numAt(raster.neuron, i);
    return { t, neuron, group: groupOf(neuron) };
  });
  const groupNames = raster.groups.length > 0 ? raster.groups.map((g) => g.label) : ["neurons"];
  const signalNames = raster.signal.series.map((s) => s.name);
  const signal = raster.signal.series.flatMap((s) =>
    s.values.map((value, i) => ({ name: s.name, t: raster.signal.t[i] ?? NaN, value })).filter((d) => Number.isFinite(d.value) && Number.isFinite(d.t)),
  );
  const rowHeight = Math.max(3, Math.min(12, Math.floor(280 / raster.nNeurons)));
  const domain = [raster.tStart, raster.tEnd];
  return {
    vconcat: [
      {
        data: { values: signal },
        width: WIDTH,
        height: 90,
        mark: { type: "line", clip: true, strokeWidth: 1.8 },
        encoding: {
          x: { field: "t", type: "quantitative", title: null, scale: { domain, nice: false }, axis: { labels: false, ticks: false, domain: false } },
          y: { field: "value", type: "quantitative", title: "value", axis: { tickCount: 3 } },
          color: {
            field: "name",
            type: "nominal",
            scale: { domain: signalNames, range: SIGNAL_COLORS.slice(0, signalNames.length) },
            legend: { title: null, orient: "top", direction: "horizontal", symbolType: "stroke", labelLimit: 0 },
          },
          strokeDash: {
            field: "name",
            type: "nominal",
            scale: { domain: signalNames, range: signalNames.map((_, i) => (i === 0 ? [5, 3] : [1, 0])) },
            legend: null,
          },
        },
      },
      {
        data: { values: spikes },
        width: WIDTH,
        height: rowHeight * raster.nNeurons,
        mark: { type: "tick", orient: "vertical", thickness: 1.5 },
        encoding: {
          x: { field: "t", type: "quantitative", title: "time (s)", scale: { domain, nice: false } },
          y: {
            field: "neuron",
            type: "quantitative",
            title: "neuron",
            scale: { domain: [-0.5, raster.nNeurons - 0.5], nice: false, zero: false, reverse: true },
            axis: { tickCount: Math.min(10, raster.nNeurons), format: "d", grid: false },
          },
          color: {
            field: "group",
            type: "nominal",
            scale: { domain: groupNames, range: GROUP_COLORS.slice(0, groupNames.length) },
            legend: { title: null, orient: "bottom", direction: "horizontal", labelLimit: 0 },
          },
          size: { value: Math.max(2, Math.round(rowHeight * 0.8)) },
        },
      },
    ],
    spacing: 6,
    resolve: { legend: { color: "independent" }, scale: { color: "independent" } },
  };
}
