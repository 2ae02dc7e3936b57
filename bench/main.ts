// `npm run bench [-- --json] [-- --cases a,b,f] [-- --only simulator|training|coupling]
//   [-- --rounds N] [-- --no-peers] [-- --nengo-e]` (rounds: simulator 1, training 3 by default): every benchmark case beside the peers'
// figures: measured in the same run, alternating with ours, where the peer can be run here
// (Nengo 4.1 from a source tree, installed, or extracted from its git mirror; see
// bench/peers/), else the stored figures of ../shared/reference/baselines.md, marked "stored".
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type BenchRow, printRows } from "./BenchRow.js";
import { simulatorBaselines } from "./baselines.js";
import { nengoPath, runNengoCase, type SimFigure } from "./peers/nengoPeer.js";
import { simCases } from "./simulatorCases.js";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    out: { type: "string", default: "bench-results.json" },
    cases: { type: "string" },
    only: { type: "string" },
    float32: { type: "boolean", default: false },
    rounds: { type: "string" },
    peers: { type: "boolean", default: true },
    "nengo-e": { type: "boolean", default: false },
  },
  allowNegative: true,
});

/** Our figure for one case: bench/runSimCase.ts in a fresh process. */
function runOurs(id: string): SimFigure | { error: string } {
  const args = ["--import", "tsx", "--conditions=@plexus/source", resolve(here, "runSimCase.ts"), id];
  if (values.float32) args.push("float32");
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) return { error: r.stderr };
  return JSON.parse(line) as SimFigure;
}

const medianOf = (xs: readonly SimFigure[], key: keyof SimFigure): number =>
  [...xs].map((x) => x[key]).sort((p, q) => p - q)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

/** The medians over rounds of each figure. */
function medians(xs: readonly SimFigure[]): SimFigure {
  return {
    buildS: medianOf(xs, "buildS"),
    stepsPerS: medianOf(xs, "stepsPerS"),
    cpuStepsPerS: medianOf(xs, "cpuStepsPerS"),
    peakRssMiB: medianOf(xs, "peakRssMiB"),
  };
}

/**
 * Each case run alternately with Nengo 4.1 in this run (ours, Nengo, then Nengo, ours, ...;
 * `--rounds` rounds, medians), when Nengo is importable; else beside the stored figures of
 * baselines.md, marked as stored. Case e on Nengo takes minutes and ~8 GiB: live only with
 * `--nengo-e`.
 */
function simulatorRows(): BenchRow[] {
  const base = simulatorBaselines();
  const wanted = values.cases?.split(",") ?? simCases.map((c) => c.id);
  const rounds = Math.max(1, Number(values.rounds ?? 1));
  const nengo = values.peers ? nengoPath() : { error: "--no-peers" };
  if ("error" in nengo) process.stderr.write(`Nengo 4.1 not run (${nengo.error}): stored figures from baselines.md\n`);
  const rows: BenchRow[] = [];
  for (const c of simCases.filter((k) => wanted.includes(k.id))) {
    const live = !("error" in nengo) && (c.id !== "e" || values["nengo-e"]);
    const ours: SimFigure[] = [];
    const peer: SimFigure[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (["ours", "nengo"] as const) : (["nengo", "ours"] as const);
      for (const who of order) {
        if (who === "nengo" && !live) continue;
        process.stderr.write(`simulator case ${c.id} (${c.title}), round ${r + 1}: ${who === "ours" ? "Plexus" : "Nengo 4.1"}...\n`);
        const m = who === "ours" ? runOurs(c.id) : runNengoCase(c.id);
        if ("error" in m) process.stderr.write(`case ${c.id} failed on ${who === "ours" ? "Plexus" : "Nengo"}:\n${m.error}\n`);
        else (who === "ours" ? ours : peer).push(m);
      }
    }
    if (ours.length === 0) continue;
    const m = medians(ours);
    const stored = base[c.id];
    const p = peer.length > 0 ? medians(peer) : stored?.nengo;
    const peerName = peer.length > 0 ? "Nengo 4.1, same run" : "Nengo 4.1, stored";
    const name = `${c.id}: ${c.title}`;
    const speedTarget = ["a", "b", "c", "d"].includes(c.id) ? 10 : 2;
    if (p === undefined) {
      rows.push({ group: "simulator", case: name, metric: "build s", ours: m.buildS });
      rows.push({ group: "simulator", case: name, metric: "steps/s", ours: m.stepsPerS, target: speedTarget });
      continue;
    }
    rows.push({
      group: "simulator",
      case: name,
      metric: "build s",
      ours: m.buildS,
      peer: p.buildS,
      peerName,
      ratio: p.buildS / m.buildS,
      ...(c.id === "e" ? { target: 1 } : {}),
    });
    rows.push({
      group: "simulator",
      case: name,
      metric: "steps/s",
      ours: m.stepsPerS,
      peer: p.stepsPerS,
      peerName,
      ratio: m.stepsPerS / p.stepsPerS,
      target: speedTarget,
    });
    if (peer.length > 0) {
      const q = medians(peer);
      rows.push({
        group: "simulator",
        case: name,
        metric: "steps per CPU-second",
        ours: m.cpuStepsPerS,
        peer: q.cpuStepsPerS,
        peerName,
        ratio: m.cpuStepsPerS / q.cpuStepsPerS,
      });
    }
    if (stored !== undefined)
      rows.push({
        group: "simulator",
        case: name,
        metric: "steps/s",
        ours: m.stepsPerS,
        peer: stored.cNoFastMath,
        peerName: "C loop, no fast-math, stored",
        ratio: m.stepsPerS / stored.cNoFastMath,
        target: 0.5,
      });
    rows.push({
      group: "simulator",
      case: name,
      metric: "peak RSS MiB",
      ours: m.peakRssMiB,
      peer: p.peakRssMiB,
      peerName,
      ratio: p.peakRssMiB / m.peakRssMiB,
      ...(c.id === "e" ? { target: 2 } : {}),
    });
  }
  return rows;
}

async function optionalGroup(modulePath: string, fn: string, arg?: unknown): Promise<BenchRow[]> {
  try {
    const mod = (await import(modulePath)) as Record<string, (arg?: unknown) => Promise<BenchRow[]>>;
    const run = mod[fn];
    if (typeof run !== "function") throw new Error(`${modulePath} does not export ${fn}`);
    return await run(arg);
  } catch (e) {
    process.stderr.write(`${modulePath}: ${e instanceof Error ? e.message : String(e)}\n`);
    return [];
  }
}

const rows: BenchRow[] = [];
const only = values.only;
if (!only || only === "simulator") rows.push(...simulatorRows());
if (!only || only === "training")
  rows.push(...(await optionalGroup("./training.js", "runTrainingBench", { peers: values.peers, runs: Math.max(1, Number(values.rounds ?? 3)) })));
if (!only || only === "coupling") rows.push(...(await optionalGroup("./coupling.js", "runCouplingBench")));
if (!only || only === "coupling" || only === "nats") rows.push(...(await optionalGroup("./couplingNats.js", "runNatsCouplingBench")));

printRows(rows);
if (values.json) {
  const out = resolve(process.cwd(), values.out);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2));
  console.log(JSON.stringify({ rows }));
  process.stderr.write(`wrote ${out}\n`);
}
