/**
 * Emits a warning as Nengo's `warnings.warn` does: through Node's `process.emitWarning` (type
 * `PlexusWarning`, so `process.on("warning")` sees it and `--no-warnings` silences it), or
 * `console.warn` where there is no `process` (browsers).
 */
export function warn(message: string, code: string): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: { type: string; code: string }) => void } }).process;
  if (typeof proc?.emitWarning === "function") proc.emitWarning(message, { type: "PlexusWarning", code });
  else console.warn(`PlexusWarning: ${message}`);
}
