import { logger, None, parse, Error as VegaErrorLevel, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { chartConfig } from "./chartConfig.js";

/** One rendered plot: its id in the page, its title and its SVG text. */
export interface RenderedChart {
  /** Identifier, unique in the report (also the PNG's file name). */
  readonly id: string;
  readonly title: string;
  /** The SVG document, with ids prefixed by the chart's id so charts can share a page. */
  readonly svg: string;
}

/**
 * Compiles a Vega-Lite spec to Vega and renders it to SVG in Node (no browser, no canvas).
 * Vega-Lite's warnings are silenced: specs are fixed in code, and their tests check the output.
 */
export async function renderChart(id: string, title: string, spec: TopLevelSpec): Promise<RenderedChart> {
  const { spec: vegaSpec } = compile({ config: chartConfig, ...spec }, { logger: logger(None) });
  const view = new View(parse(vegaSpec), { renderer: "none", logLevel: VegaErrorLevel });
  try {
    const svg = await view.toSVG();
    return { id, title, svg: prefixIds(svg, id) };
  } finally {
    view.finalize();
  }
}

/** Makes `id="x"` and `url(#x)` references unique per chart (clip paths would clash on one page). */
function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
}
