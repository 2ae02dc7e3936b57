// `npm run bench [-- --json] [-- --cases a,b,f] [-- --only simulator|training|coupling]`:
// every benchmark case beside the peers' figures in ../shared/reference/baselines.md.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { simulatorBaselines } from "./baselines.js";
import { printRows, type BenchRow } from "./BenchRow.js";
import { simCases } from "./simulatorCases.js";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    out: { type: "string", default: "bench-results.json" },
    cases: { type: "string" },
    only: { type: "string" },
    float32: { type: "boolean", default: false },
  },
});

function simulatorRows(): BenchRow[] {
  const base = simulatorBaselines();
  const wanted = values.cases?.split(",") ?? simCases.map((c) => c.id);
  const rows: BenchRow[] = [];
  for (const c of simCases.filter((k) => wanted.includes(k.id))) {
    process.stderr.write(`simulator case ${c.id}: ${c.title}...\n`);
    const args = ["--import", "tsx", "--conditions=@plexus/source", resolve(here, "runSimCase.ts"), c.id];
    if (values.float32) args.push("float32");
    const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    const line = r.stdout.trim().split("\n").pop() ?? "";
    if (r.status !== 0 || !line.startsWith("{")) {
      process.stderr.write(`case ${c.id} failed:\n${r.stderr}\n`);
      continue;
    }
    const m = JSON.parse(line) as { buildS: number; stepsPerS: number; peakRssMiB: number };
    const b = base[c.id]!;
    const name = `${c.id}: ${c.title}`;
    const speedTarget = ["a", "b", "c", "d"].includes(c.id) ? 10 : 2;
    rows.push({ group: "simulator", case: name, metric: "build s", ours: m.buildS, peer: b.nengo.buildS, peerName: "Nengo 4.1", ratio: b.nengo.buildS / m.buildS, ...(c.id === "e" ? { target: 1 } : {}) });
    rows.push({ group: "simulator", case: name, metric: "steps/s", ours: m.stepsPerS, peer: b.nengo.stepsPerS, peerName: "Nengo 4.1", ratio: m.stepsPerS / b.nengo.stepsPerS, target: speedTarget });
    rows.push({ group: "simulator", case: name, metric: "steps/s", ours: m.stepsPerS, peer: b.cNoFastMath, peerName: "C loop, no fast-math", ratio: m.stepsPerS / b.cNoFastMath, target: 0.5 });
    rows.push({ group: "simulator", case: name, metric: "peak RSS MiB", ours: m.peakRssMiB, peer: b.nengo.peakRssMiB, peerName: "Nengo 4.1", ratio: b.nengo.peakRssMiB / m.peakRssMiB, ...(c.id === "e" ? { target: 2 } : {}) });
  }
  return rows;
}

async function optionalGroup(modulePath: string, fn: string): Promise<BenchRow[]> {
  try {
    const mod = (await import(modulePath)) as Record<string, () => Promise<BenchRow[]>>;
    const run = mod[fn];
    if (typeof run !== "function") throw new Error(`${modulePath} does not export ${fn}`);
    return await run();
  } catch (e) {
    process.stderr.write(`${modulePath}: ${e instanceof Error ? e.message : String(e)}\n`);
    return [];
  }
}

const rows: BenchRow[] = [];
const only = values.only;
if (!only || only === "simulator") rows.push(...simulatorRows());
if (!only || only === "training") rows.push(...(await optionalGroup("./training.js", "runTrainingBench")));
if (!only || only === "coupling") rows.push(...(await optionalGroup("./coupling.js", "runCouplingBench")));
if (!only || only === "coupling" || only === "nats") rows.push(...(await optionalGroup("./couplingNats.js", "runNatsCouplingBench")));

printRows(rows);
if (values.json) {
  const out = resolve(process.cwd(), values.out);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2));
  console.log(JSON.stringify({ rows }));
  process.stderr.write(`wrote ${out}\n`);
}
