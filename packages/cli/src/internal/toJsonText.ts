/** Indented JSON with non-finite numbers written as "inf", "-inf" and "nan" (as the results file). */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf") : v), 2)}\n`;
}
