import { vi } from "vitest";

/**
 * Collects the messages of the warnings emitted from now on (Plexus warns through
 * `process.emitWarning`, as Nengo's `warnings.warn`), instead of printing them. Restore with
 * `vi.restoreAllMocks()` (e.g. in `afterEach`).
 */
export function captureWarnings(): string[] {
  const emitted: string[] = [];
  vi.spyOn(process, "emitWarning").mockImplementation(((m: string | Error) => {
    emitted.push(String(m));
  }) as typeof process.emitWarning);
  return emitted;
}
