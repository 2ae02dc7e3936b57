// `plexus run coupled-loop --snapshot-every N --snapshot-file F`, then `--resume F` in a fresh
// process: the resumed run's numbers equal those of the run that wrote the snapshot, bit for bit.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { snapshotInfo } from "@plexus/coupler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plexusBin, runPlexus } from "./support/runPlexus.js";

interface LoopJson {
  readonly error: { readonly rmse: number };
  readonly stateError: { readonly rmse: number };
  readonly amplitude: Record<string, number>;
  readonly frequency: Record<string, number>;
  readonly signals: { readonly series: readonly { readonly name: string; readonly values: readonly number[] }[] };
  readonly coupledEqualsComposed: boolean;
  readonly snapshotSteps?: readonly number[];
  readonly resumedFromStep?: number;
}

describe("plexus run coupled-loop --snapshot-every / --resume", () => {
  let dir: string;
  let file: string;
  let whole: LoopJson;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "plexus-snapshot-cli-"));
    file = join(dir, "loop.snapshot");
    const run = await runPlexus(["run", "coupled-loop", "--quick", "--seconds", "2", "--json", "--snapshot-every", "700", "--snapshot-file", file]);
    expect(run.code, run.stderr).toBe(0);
    whole = JSON.parse(run.stdout) as LoopJson;
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the last snapshot to the file (whole: no partial file left)", async () => {
    expect(whole.snapshotSteps).toEqual([700, 1400]);
    expect(existsSync(file)).toBe(true);
    const bytes = await readFile(file);
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe("PLXCPLD");
    expect((await readdir(dir)).filter((f) => f.startsWith("loop."))).toEqual(["loop.snapshot"]);
  });

  it("resumes in a fresh process from the file: every reported number and signal equal to the uninterrupted run's", async () => {
    const run = await runPlexus(["run", "coupled-loop", "--quick", "--seconds", "2", "--json", "--resume", file]);
    expect(run.code, run.stderr).toBe(0);
    const resumed = JSON.parse(run.stdout) as LoopJson;
    expect(resumed.resumedFromStep).toBe(1400);
    expect(resumed.coupledEqualsComposed).toBe(true);
    expect(resumed.error).toEqual(whole.error);
    expect(resumed.stateError).toEqual(whole.stateError);
    expect(resumed.amplitude).toEqual(whole.amplitude);
    expect(resumed.frequency).toEqual(whole.frequency);
    expect(resumed.signals).toEqual(whole.signals);
  }, 180_000);

  it("refuses a snapshot of another run (another --seed) with a one-line SnapshotError naming what differs, exit status 1", async () => {
    const run = await runPlexus(["run", "coupled-loop", "--quick", "--seconds", "2", "--seed", "3", "--resume", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^SnapshotError: Coupled snapshot: it was taken of another system \(seed 0 in the snapshot, 3 here; structure hash [0-9a-f]{16} in the snapshot, [0-9a-f]{16} here\); resume it with the system it was taken of\n$/,
    );
  }, 180_000);

  it("SIGINT once the first snapshot is written: the run stops at its next snapshot, writes it, exits 130 with one line saying how to resume; resumed, every number equals the uninterrupted run's", async () => {
    const stopped = join(dir, "stopped.snapshot");
    // a snapshot every 20 steps (each written before the run goes on): the signal lands long before the run's end
    const args = ["run", "coupled-loop", "--quick", "--seconds", "2", "--json", "--snapshot-every", "20", "--snapshot-file", stopped];
    const child = spawn(process.execPath, [plexusBin, ...args], { env: { ...process.env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 150_000;
    while (!existsSync(stopped) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(stopped), stderr).toBe(true);
    child.kill("SIGINT");
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(stdout).toBe("");
    const info = snapshotInfo(await readFile(stopped));
    expect(info.step % 20).toBe(0);
    expect(info.step).toBeLessThan(2000);
    expect(stderr).toBe(
      `Stopped by SIGINT at base step ${info.step}; the snapshot there is in ${stopped}: resume with plexus run coupled-loop --quick --seconds 2 --json --snapshot-every 20 --snapshot-file ${stopped} --resume ${stopped}\n`,
    );
    const run = await runPlexus(["run", "coupled-loop", "--quick", "--seconds", "2", "--json", "--resume", stopped]);
    expect(run.code, run.stderr).toBe(0);
    const resumed = JSON.parse(run.stdout) as LoopJson;
    expect(resumed.resumedFromStep).toBe(info.step);
    expect(resumed.error).toEqual(whole.error);
    expect(resumed.stateError).toEqual(whole.stateError);
    expect(resumed.amplitude).toEqual(whole.amplitude);
    expect(resumed.frequency).toEqual(whole.frequency);
    expect(resumed.signals).toEqual(whole.signals);
  }, 360_000);

  it("--snapshot-every without --snapshot-file is a usage error (exit status 2)", async () => {
    const run = await runPlexus(["run", "coupled-loop", "--snapshot-every", "100"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: --snapshot-every needs --snapshot-file\n(add --help for usage)\n");
  });
});
