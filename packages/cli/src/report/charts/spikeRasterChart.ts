import type { TopLevelSpec } from "vega-lite";
import type { SpikeRaster } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";

/** A spike raster: one row per neuron, one tick per spike. */
export function spikeRasterChart(raster: SpikeRaster): TopLevelSpec {
  const values = raster.t.map((t, i) => ({ t, neuron: raster.neuron[i] ?? 0 }));
  const rowHeight = Math.max(3, Math.min(14, Math.floor(300 / raster.nNeurons)));
  return {
    data: { values },
    width: 900,
    height: rowHeight * raster.nNeurons,
    mark: { type: "tick", orient: "vertical", thickness: 1.5, color: palette.ink },
    encoding: {
      x: { field: "t", type: "quantitative", title: "time (s)", scale: { domain: [raster.tStart, raster.tEnd], nice: false } },
      y: {
        field: "neuron",
        type: "quantitative",
        title: "neuron",
        scale: { domain: [-0.5, raster.nNeurons - 0.5], nice: false, zero: false, reverse: true },
        axis: { tickCount: Math.min(10, raster.nNeurons), format: "d", grid: false },
      },
      size: { value: Math.max(2, Math.round(rowHeight * 0.8)) },
    },
  };
}
