/** "4 s" for a data length in seconds. */
export function lengthLabel(seconds: number): string {
  return `${formatNumber(seconds)} s`;
}

/**
 * A number as the report shows it: 4 significant digits, exponent notation outside
 * [0.001, 10000), and NaN/±Infinity spelled out. The text parses back with `Number()`
 * (except the non-finite spellings), which the browser test relies on.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  const fixed = x.toPrecision(4);
  if (abs >= 1e-3 && abs < 1e4 && !fixed.includes("e")) return trimZeros(fixed);
  const [mantissa = "", exponent = ""] = x.toExponential(3).split("e");
  return `${trimZeros(mantissa)}e${exponent.replace("+", "")}`;
}

/** A measured figure: as {@link formatNumber}, but large values in full with thousands separators ("20,891"). */
export function formatMeasure(x: number): string {
  return Number.isFinite(x) && Math.abs(x) >= 1e4 ? Math.round(x).toLocaleString("en-US") : formatNumber(x);
}

/** A ratio such as "5.12×" or "1.00×", 3 significant digits (or "—" when undefined). */
export function formatRatio(x: number): string {
  if (!Number.isFinite(x)) return "—";
  return `${x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3)}×`;
}

/** A fraction as a percentage with 2 significant digits: 0.07143 → "7.1%", 0.01 → "1.0%", 2e-8 → "2e-6%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "—";
  if (fraction === 0) return "0%";
  const p = 100 * fraction;
  if (Math.abs(p) >= 100) return `${Math.round(p).toLocaleString("en-US")}%`;
  return `${Math.abs(p) >= 1e-3 ? p.toPrecision(2) : formatNumber(p)}%`;
}

/** Seconds as "12.3 s" or "850 ms". */
export function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${trimZeros(seconds.toPrecision(3))} s`;
}

/** Bytes as "12.4 kB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${trimZeros((bytes / 1e3).toPrecision(3))} kB`;
  return `${trimZeros((bytes / 1e6).toPrecision(3))} MB`;
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A learned transform: 6 significant digits, so that a transform near 1 shows how far it moved ("0.99997"). */
export function formatTransform(x: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  return trimZeros(x.toPrecision(6));
}
