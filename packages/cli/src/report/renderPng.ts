import { Resvg } from "@resvg/resvg-js";

/**
 * Rasterises an SVG plot to PNG with resvg (system fonts, DejaVu Sans as the fallback).
 * @param scale Pixels per SVG unit (default 1.5, sharp on most screens and still small).
 */
export function renderPng(svg: string, scale = 1.5): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
