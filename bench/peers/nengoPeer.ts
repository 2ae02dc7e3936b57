// Runs bench/peers/nengo_bench.py (Nengo 4.1's reference simulator) in a child process, with Nengo
// found as the reference generators find it (test/support/nengo/regenerate.py --nengo-path:
// $NENGO_SRC, an installed nengo 4.1.0, or Nengo's git mirror extracted once).
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const python = process.env["PLEXUS_PYTHON"] ?? "python3";

/** What one run of a case measured (the same fields as bench/runSimCase.ts prints). */
export interface SimFigure {
  readonly buildS: number;
  readonly stepsPerS: number;
  /** Steps per CPU-second of the process (all its threads): less sensitive to a busy machine. */
  readonly cpuStepsPerS: number;
  readonly peakRssMiB: number;
}

let found: { path: string } | { error: string } | undefined;

/** The PYTHONPATH entry giving Nengo 4.1 ("" when installed), or why there is none. */
export function nengoPath(): { path: string } | { error: string } {
  if (found !== undefined) return found;
  const r = spawnSync(python, [resolve(repo, "test/support/nengo/regenerate.py"), "--nengo-path"], { encoding: "utf8" });
  found =
    r.status === 0 ? { path: r.stdout.trim() } : { error: (r.stderr || r.error?.message || "python3 failed").trim().split("\n").pop() ?? "python3 failed" };
  return found;
}

/** One case on Nengo 4.1 (build, steps/s median of 3, peak RSS), or the reason it could not run. */
export function runNengoCase(id: string): SimFigure | { error: string } {
  const where = nengoPath();
  if ("error" in where) return where;
  const env = { ...process.env, PYTHONPATH: [where.path, process.env["PYTHONPATH"] ?? ""].filter((p) => p !== "").join(":") };
  const r = spawnSync(python, [resolve(here, "nengo_bench.py"), id], { encoding: "utf8", env, maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) return { error: `nengo_bench.py ${id} failed: ${(r.stderr || "").trim().split("\n").pop() ?? ""}` };
  return JSON.parse(line) as SimFigure;
}
