// The `plexus` command as a person uses it: the real binary in a child process.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoResults } from "../src/results/DemoResults.js";
import { parseResults } from "../src/results/parseResults.js";
import { type PlexusRun, runPlexus } from "./support/runPlexus.js";

let work: string;
let demo: PlexusRun;
let results: DemoResults;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "plexus-cli-"));
  demo = await runPlexus(["demo", "--quick", "--json", "--out", join(work, "report")], { cwd: work });
  if (demo.code === 0) results = parseResults(JSON.parse(demo.stdout));
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** An error as the CLI must print it: one line, `<ErrorClass>: <message>`, no stack trace. */
function expectOneLineError(run: PlexusRun, pattern: RegExp): void {
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe.concurrent("help", () => {
  it.each(["", "demo", "run", "inspect", "report"])("plexus %s --help describes the command", async (name) => {
    const command = name === "" ? [] : [name];
    const run = await runPlexus([...command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: plexus${command.length > 0 ? ` ${command.join(" ")}` : ""} [options]`);
    expect(run.stdout).toContain("-h, --help");
    expect(run.stderr).toBe("");
  });

  it("lists every command in the top-level help", async () => {
    const run = await runPlexus(["--help"]);
    for (const command of ["demo", "run", "inspect", "report"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("prints the version", async () => {
    const run = await runPlexus(["--version"]);
    const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(run).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
});

describe("plexus demo", () => {
  it("runs the quick demo and prints results that pass the schema check", () => {
    expect(demo.stderr.split("\n").filter((l) => /Error/.test(l))).toEqual([]);
    expect(demo.code, demo.stderr).toBe(0);
    expect(results.quick).toBe(true);
  });

  it("runs every part: seed rescaling (both panels), the coupled loop and the raster, nothing missing", () => {
    expect(results.missing).toEqual([]);
    expect(results.seedRescaling?.runs.length).toBeGreaterThan(0);
    expect(results.seedRescaling?.setup.settings).toBe("converging");
    expect(results.seedRescalingAsReported?.setup).toMatchObject({ settings: "as-reported", learningRate: 1e-3 });
    expect(results.seedRescalingAsReported?.runs.map((r) => r.simT)).toEqual(results.seedRescaling?.runs.map((r) => r.simT));
    expect(results.coupledLoop?.subnetworks.map((s) => s.trainer).sort()).toEqual(["GradientTrainer", "LeastSquaresTrainer"]);
    expect(results.raster?.t.length).toBeGreaterThan(0);
    expect(results.bundles.every((b) => b.reloadCheck === "identical")).toBe(true);
  });

  it("gives the same results on two worker threads as on one (the schedule changes speed, never results)", async () => {
    const threaded = await runPlexus(["demo", "--quick", "--json", "--threads", "2", "--no-png", "--out", join(work, "threaded")], { cwd: work });
    expect(threaded.code, threaded.stderr).toBe(0);
    const other = parseResults(JSON.parse(threaded.stdout));
    expect(other.seedRescaling).toEqual(results.seedRescaling);
    expect(other.seedRescalingAsReported).toEqual(results.seedRescalingAsReported);
    expect(other.raster).toEqual(results.raster);
    expect(other.coupledLoop?.signals).toEqual(results.coupledLoop?.signals);
    expect(other.bundles.map((b) => [b.path, b.bytes])).toEqual(results.bundles.map((b) => [b.path, b.bytes]));
  });

  it("writes results.json, the report page and the PNG copies", async () => {
    const written = parseResults(JSON.parse(await readFile(join(work, "report", "results.json"), "utf8")));
    expect(written).toEqual(results);
    const html = await readFile(join(work, "report", "index.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/(src|href)="https?:/); // self-contained
    const png = await readFile(join(work, "report", "png", "spike-raster.png"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});

describe.concurrent("plexus report", () => {
  it("renders a results file into a folder and prints what it wrote as JSON", async () => {
    const out = join(work, "rerendered");
    const run = await runPlexus(["report", join(work, "report", "results.json"), "--out", out, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const written = JSON.parse(run.stdout) as { html: string; png: Record<string, string> };
    expect(written.html).toBe(join(out, "index.html"));
    expect(Object.keys(written.png).length).toBeGreaterThan(0);
    expect(await readFile(written.html, "utf8")).toContain("<svg");
  });

  it("fails on a missing results file with one line", async () => {
    expectOneLineError(await runPlexus(["report", join(work, "nope.json")]), /^ValidationError: Results '.*nope\.json': file not found; /);
  });

  it("fails on a file that is not JSON with one line", async () => {
    const path = join(work, "broken.json");
    await writeFile(path, "{ this is not json");
    expectOneLineError(await runPlexus(["report", path]), /^ValidationError: Results '.*broken\.json': is not valid JSON/);
  });

  it("names the bad field of a results file", async () => {
    const value = JSON.parse(await readFile(join(work, "report", "results.json"), "utf8")) as Record<string, unknown>;
    value["wallSeconds"] = "soon";
    const path = join(work, "bad-field.json");
    await writeFile(path, JSON.stringify(value));
    expectOneLineError(await runPlexus(["report", path]), /^ValidationError: Results '.*bad-field\.json'\.wallSeconds: must be a number \(got "soon"\)$/);
  });

  it("shows the stack and causes with --verbose", async () => {
    const run = await runPlexus(["report", join(work, "nope.json"), "--verbose"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ValidationError: Results/);
    expect(run.stderr).toMatch(/^\s+at /m);
    expect(run.stderr).toContain("Caused by:");
  });
});

describe.concurrent("plexus run", () => {
  it("lists the examples as JSON", async () => {
    const run = await runPlexus(["run", "--list", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const { examples } = JSON.parse(run.stdout) as { examples: { name: string; main: string }[] };
    expect(examples.map((e) => e.name)).toEqual(["coupled-loop", "custom-trainer", "seed-rescaling", "walkthrough"]);
    for (const e of examples) expect(e.main).toMatch(new RegExp(`examples/${e.name}/main\\.ts$`));
  });

  it("lists the examples for a person, one per line with its title", async () => {
    const run = await runPlexus(["run", "--list"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^seed-rescaling +The seed-rescaling report, replayed$/m);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(4);
  });

  it.each(["coupled-loop", "custom-trainer", "seed-rescaling", "walkthrough"])("passes --help to %s, which lists its options", async (name) => {
    const run = await runPlexus(["run", name, "--help"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Usage: plexus run ${name} [options]`);
    expect(run.stdout).toContain("-h, --help");
    expect(run.stderr).toBe("");
  });

  it.each([
    ["seed-rescaling", ["--bogus"], "error: unknown option '--bogus'"],
    ["seed-rescaling", ["--epochs", "many"], "error: option '--epochs' wants a number (got 'many')"],
    ["walkthrough", ["--epochs"], "error: option '--epochs <value>' argument missing"],
  ])("gives %s %j the one-line usage error and exit status 2", async (name, args, message) => {
    const run = await runPlexus(["run", name, ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`${message}\n(add --help for usage)\n`);
  });

  it("runs an example, passing it the options after its name", async () => {
    const run = await runPlexus(["run", "seed-rescaling", "--json", "--lengths", "1", "--epochs", "1"]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { runs: { simT: number; deployedLoss: number; portMse: number }[] };
    expect(out.runs.map((r) => r.simT)).toEqual([1]);
    expect(out.runs[0]?.portMse).toBe(out.runs[0]?.deployedLoss);
  });

  it("fails on an unknown example with one line", async () => {
    expectOneLineError(
      await runPlexus(["run", "no-such-example"]),
      /^ValidationError: Example 'no-such-example': not found; choose one of: coupled-loop, custom-trainer, seed-rescaling, walkthrough$/,
    );
  });
});

describe.concurrent("plexus inspect", () => {
  /** A bundle the quick demo saved. */
  const bundle = (): string => {
    const first = results.bundles[0];
    if (first === undefined) throw new Error("the quick demo saved no bundle");
    return join(work, "report", first.path);
  };

  it("describes a bundle the demo saved, as JSON", async () => {
    const run = await runPlexus(["inspect", bundle(), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const info = JSON.parse(run.stdout) as {
      checksum: string;
      ports: { inputs: { name: string; dimensions: number }[]; outputs: { name: string; dimensions: number }[] };
      parameters: { name: string; shape: number[]; norm: number }[];
      report: { trainer: string; deployedLoss: number; trainLoss: number };
    };
    expect(info.checksum).toBe("verified");
    expect(info.ports).toEqual({ inputs: [{ name: "u", dimensions: 1 }], outputs: [{ name: "y", dimensions: 1 }] });
    expect(info.parameters.map((p) => p.name)).toContain("x.encoders");
    expect(info.parameters.find((p) => p.name === "x.encoders")?.shape).toEqual([100, 1]);
    for (const p of info.parameters) expect(p.norm).toBeGreaterThan(0);
    const run0 = results.seedRescaling?.runs[0];
    expect(info.report.trainer).toBe("GradientTrainer");
    expect(info.report.deployedLoss).toBe(run0?.deployedLoss);
  });

  it("describes a bundle for a person: ports, parameters, report, checksum", async () => {
    const run = await runPlexus(["inspect", bundle()]);
    expect(run.code, run.stderr).toBe(0);
    for (const text of ["checksum verified", "Ports", "Parameters", "x.encoders", "[100, 1]", "Training report", "deployedLoss"])
      expect(run.stdout).toContain(text);
  });

  it("fails on a bundle changed after it was saved (checksum) with one line", async () => {
    const bytes = await readFile(bundle());
    const last = bytes.length - 1;
    bytes[last] = (bytes[last] ?? 0) ^ 0xff;
    const path = join(work, "changed.plexus");
    await writeFile(path, bytes);
    expectOneLineError(await runPlexus(["inspect", path]), /^BundleError: .*changed\.plexus: checksum mismatch: /);
  });

  it("fails on a truncated bundle with one line", async () => {
    const bytes = await readFile(bundle());
    const path = join(work, "truncated.plexus");
    await writeFile(path, bytes.subarray(0, 100));
    expectOneLineError(await runPlexus(["inspect", path]), /^BundleError: .*truncated\.plexus: truncated file: /);
  });

  it("fails on a missing bundle with one line", async () => {
    expectOneLineError(await runPlexus(["inspect", join(work, "nope.plexus")]), /^BundleError: .*nope\.plexus: missing file: /);
  });

  it("fails on a file that is not a bundle with one line", async () => {
    const path = join(work, "garbage.plexus");
    await writeFile(path, Buffer.from("this is not a safetensors file at all"));
    expectOneLineError(await runPlexus(["inspect", path]), /^BundleError: .*garbage\.plexus: not a Plexus bundle: /);
  });
});

describe.concurrent("usage errors", () => {
  it.each([
    [["--lr", "fast"], "error: option '--lr <x>' argument 'fast' is invalid. must be a number > 0, e.g. 1e-5"],
    [["--epochs", "0"], "error: option '--epochs <n>' argument '0' is invalid. must be an integer >= 1"],
  ])("plexus demo %j: one line and exit status 2", async (args, message) => {
    const run = await runPlexus(["demo", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it("rejects an unknown command and an unknown option with exit status 2", async () => {
    for (const args of [["frobnicate"], ["report", "--frobnicate"]]) {
      const run = await runPlexus(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: unknown (command|option) /);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
