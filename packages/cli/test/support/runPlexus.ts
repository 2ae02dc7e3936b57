import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The `plexus` bin script, as npm links it. */
export const plexusBin = fileURLToPath(new URL("../../bin/plexus.js", import.meta.url));

export interface PlexusRun {
  /** Exit status. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `plexus` binary in a child process (as a user would), with CI set so that no
 * progress bars are drawn, and returns its exit status and output.
 */
export function runPlexus(args: readonly string[], options: { readonly cwd?: string; readonly timeoutMs?: number } = {}): Promise<PlexusRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [plexusBin, ...args],
      {
        cwd: options.cwd ?? process.cwd(),
        env: { ...process.env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
  });
}
