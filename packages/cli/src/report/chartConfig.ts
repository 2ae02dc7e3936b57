import type { Config } from "vega-lite";

/** Fonts tried in order: the page's system fonts first, DejaVu Sans where resvg renders PNGs. */
export const chartFont = "Inter, 'Segoe UI', Helvetica, Arial, 'DejaVu Sans', sans-serif";

/** Colors of the report, shared by the page's CSS and the plots. */
export const palette = {
  target: "#6b7280",
  port: "#2563eb",
  bypass: "#dc2626",
  ideal: "#6b7280",
  ink: "#111827",
  muted: "#6b7280",
  grid: "#e5e7eb",
} as const;

/** A Vega-Lite config applied to every plot of the report. */
export const chartConfig: Config = {
  font: chartFont,
  background: "white",
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: palette.muted,
    titleColor: palette.ink,
    titleFontWeight: 600,
    titleFontSize: 12,
    labelFontSize: 11,
    gridColor: palette.grid,
    domainColor: "#9ca3af",
    tickColor: "#9ca3af",
  },
  legend: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: palette.ink,
    titleColor: palette.ink,
    symbolStrokeWidth: 2.5,
  },
  header: { labelFontSize: 12, labelFontWeight: 600, labelColor: palette.ink, titleFontSize: 12 },
  line: { strokeWidth: 1.8 },
};
