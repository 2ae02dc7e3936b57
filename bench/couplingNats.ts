// `npx tsx --conditions=@plexus/source bench/couplingNats.ts [--steps N] [--reps R] [--heavy-steps N] [--rounds R]`:
// the coupling benchmarks over NATS on loopback (nats-server and worker processes that Plexus
// starts on this machine):
// 1. coupling.ts's two heavy subsystems (each an Ensemble of 5000 LIF neurons, 32-D, recurrent:
//    case e halved) coupled mutually with delay 1, 10 and 100, each on a NATS worker process, beside the composed
//    network on one thread (target: >= 1.3x at delay 10), with each worker process's peak memory, and
//    where a run's CPU goes (the worker processes, the coordinator, nats-server) with the wall-time
//    floor that CPU leaves on this machine's cores;
// 2. coupling.ts's two case-a-sized subsystems in a loop (one-step windows): the cost of a window per edge,
//    every edge through the broker (all units in this process, and each on a worker process),
//    beside the in-process transport.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { CoupledSystem, RunOptions } from "@plexus/coupler";
import { type NatsHostConnector, NatsTransport, natsHosts } from "@plexus/coupler/nats";
import { processCpuSeconds } from "../packages/coupler/src/internal/runtime/cpuSeconds.js";
import type { BenchRow } from "./BenchRow.js";
import { composedRunner, heavyPair, loadAverage, smallPair } from "./coupling.js";

const thisFile = fileURLToPath(import.meta.url);

const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The peak resident memory (VmHWM) of a process, in MiB, or NaN where /proc does not tell. */
function peakRssMiB(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmHWM:"));
    return line === undefined ? NaN : Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system, every thread) a process has used, from Linux's /proc (USER_HZ ticks), or NaN where /proc does not tell. */
function pidCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Per-run CPU seconds of each party of a NATS run, beside the composed run's CPU and wall seconds. */
interface CpuRun {
  readonly composed: number;
  readonly composedWall: number;
  readonly workers: readonly number[];
  readonly coordinator: number;
  readonly broker: number;
}

/**
 * Rows of where a NATS run's CPU goes (medians over the rounds): the worker processes, the
 * coordinator and nats-server, beside the composed run's; and the floor of wall time all of it
 * leaves on this machine's cores (CPU / cores), with the ratio to the composed run that floor
 * allows whatever the latencies.
 */
function cpuRows(delay: number, runs: readonly CpuRun[]): BenchRow[] {
  const cores = availableParallelism();
  const med = (f: (r: CpuRun) => number): number => median(runs.map(f));
  const sum = (xs: readonly number[]): number => xs.reduce((x, y) => x + y, 0);
  const group = "coupling/nats";
  const name = `two 5000-LIF 32-D recurrent subsystems, delay ${delay}, on NATS worker processes: CPU of a run (median of ${runs.length})`;
  const composed = med((r) => r.composed);
  const workers = med((r) => sum(r.workers));
  const floor = med((r) => (sum(r.workers) + r.coordinator + r.broker) / cores);
  return [
    {
      group,
      case: name,
      metric: "CPU ms, both worker processes (every thread)",
      ours: workers * 1000,
      peer: composed * 1000,
      peerName: "the composed run's CPU ms",
      ratio: composed / workers,
    },
    { group, case: name, metric: "CPU ms, the coordinator", ours: med((r) => r.coordinator) * 1000 },
    { group, case: name, metric: "CPU ms, nats-server (less what a 10-step run costs it: the build)", ours: med((r) => r.broker) * 1000 },
    {
      group,
      case: name,
      metric: `wall ms floor: all the CPU above over ${cores} cores (ratio: the most this machine allows)`,
      ours: floor * 1000,
      peer: med((r) => r.composedWall) * 1000,
      peerName: "composed wall ms",
      ratio: med((r) => r.composedWall) / floor,
    },
  ];
}

/**
 * The heavy pair at delay 1, 10 and 100, each subsystem on a NATS worker process, beside the
 * composed network on one thread: `rounds` rounds alternating (composed, then on the workers), the
 * ratio the median of the per-round ratios (the machine's speed drifts between runs).
 */
async function heavyRows(hosts: NatsHostConnector, steps: number, rounds: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const broker = hosts.server?.pid;
  // what a run costs nats-server beside its steps (the build: shipping the networks to the workers), from 10-step runs
  const loadOnly: number[] = [];
  for (let r = 0; r < 2; r++) {
    const before = pidCpuSeconds(broker);
    await heavyPair(10).run({ steps: 10, placement: { a: "worker", b: "worker" }, hosts });
    loadOnly.push(pidCpuSeconds(broker) - before);
  }
  const brokerLoad = Math.min(...loadOnly);
  for (const delay of [1, 10, 100]) {
    process.stderr.write(
      `coupling over NATS: two 5000-LIF 32-D recurrent subsystems, delay ${delay}: ${rounds} rounds, composed, then on two worker processes...\n`,
    );
    const system = heavyPair(delay);
    const composed = composedRunner(system);
    const reference = composed(steps).data;
    const composedSeconds: number[] = [];
    const natsSeconds: number[] = [];
    const ratios: number[] = [];
    let identical = true;
    let windows = 0;
    const cpu: CpuRun[] = [];
    for (let r = 0; r < rounds; r++) {
      const cpu0 = processCpuSeconds();
      const c = composed(steps).seconds;
      const composedCpu = processCpuSeconds() - cpu0;
      const broker0 = pidCpuSeconds(broker);
      const result = await system.run({ steps, placement: { a: "worker", b: "worker" }, hosts });
      cpu.push({
        composed: composedCpu,
        composedWall: c,
        workers: (result.stats.hosts ?? []).map((h) => h.runCpuSeconds),
        coordinator: result.stats.runCpuSeconds,
        broker: pidCpuSeconds(broker) - broker0 - brokerLoad,
      });
      identical &&= sameBits(new Map(result.probes.map((p) => [p, result.data(p)])), reference);
      windows = result.stats.edges[0]?.sentWindows ?? 0;
      composedSeconds.push(c);
      natsSeconds.push(result.stats.runSeconds);
      ratios.push(c / result.stats.runSeconds);
    }
    rows.push({
      group: "coupling/nats",
      case: `two 5000-LIF 32-D recurrent subsystems, delay ${delay}, each on a NATS worker process (${windows} windows/edge, ${identical ? "bit-identical" : "OUTPUTS DIFFER"}; load average ${loadAverage()})`,
      metric: `steps/s (wall, build excluded; median of ${rounds}; ratio: median of per-round ratios ${ratios.map((x) => x.toFixed(2)).join(" ")})`,
      ours: steps / median(natsSeconds),
      peer: steps / median(composedSeconds),
      peerName: "composed, one thread",
      ratio: median(ratios),
      ...(delay === 10 ? { target: 1.3 } : {}),
    });
    rows.push(...cpuRows(delay, cpu));
  }
  for (const p of hosts.workerProcesses.values()) {
    rows.push({
      group: "coupling/nats",
      case: `worker process '${p.name}' after the heavy runs`,
      metric: "peak resident memory (MiB, VmHWM)",
      ours: peakRssMiB(p.pid),
    });
  }
  return rows;
}

/** Median run seconds of `system` (each run with the options `options` makes; one warm-up first), and the windows sent over all edges in one run. */
async function timeRuns(
  system: CoupledSystem,
  steps: number,
  reps: number,
  options: () => Promise<RunOptions>,
): Promise<{ seconds: number; windows: number; data: Map<string, Float64Array> }> {
  const seconds: number[] = [];
  let windows = 0;
  let data = new Map<string, Float64Array>();
  for (let r = 0; r < reps + 1; r++) {
    const o = await options();
    const result = await system.run({ steps, ...o });
    if (o.transport instanceof NatsTransport) await o.transport.close();
    if (r === 0) continue; // warm-up
    seconds.push(result.stats.runSeconds);
    windows = result.stats.edges.reduce((n, e) => n + e.sentWindows, 0);
    data = new Map(result.probes.map((p) => [p, result.data(p)]));
  }
  return { seconds: median(seconds), windows, data };
}

function sameBits(a: Map<string, Float64Array>, b: Map<string, Float64Array>): boolean {
  for (const [name, x] of a) {
    const y = b.get(name);
    if (y === undefined || y.length !== x.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  return true;
}

/**
 * The cost of a window: two small subsystems in a loop of delay 1 (one-step windows), against the
 * in-process transport: every edge through the broker with both units in this process, and each
 * unit on a NATS worker process; the extra wall time divided by the windows sent over all edges.
 */
async function windowCostRows(hosts: NatsHostConnector, steps: number, reps: number): Promise<BenchRow[]> {
  process.stderr.write("coupling over NATS: two case-a-sized subsystems in a loop (cost per window)...\n");
  const system = smallPair(steps);
  const inProcess = await timeRuns(system, steps, reps, () => Promise.resolve({}));
  const variants = [
    {
      name: "every edge through nats-server, both units in this process",
      run: () => NatsTransport.connect({ servers: hosts.url }).then((transport) => ({ transport })),
    },
    { name: "each unit on a NATS worker process", run: () => Promise.resolve({ placement: { a: "worker", b: "worker" } as const, hosts }) },
  ];
  const rows: BenchRow[] = [];
  for (const v of variants) {
    const nats = await timeRuns(system, steps, reps, v.run);
    const perWindowUs = ((nats.seconds - inProcess.seconds) / nats.windows) * 1e6;
    const identical = sameBits(nats.data, inProcess.data);
    const name = `two case-a-sized subsystems in a loop, ${v.name} (${nats.windows} windows per run${identical ? ", bit-identical" : ", OUTPUTS DIFFER"})`;
    rows.push(
      {
        group: "coupling/nats",
        case: name,
        metric: "steps/s",
        ours: steps / nats.seconds,
        peer: steps / inProcess.seconds,
        peerName: "in-process transport",
        ratio: inProcess.seconds / nats.seconds,
      },
      {
        group: "coupling/nats",
        case: name,
        metric: "µs per window per edge beyond in-process",
        ours: perWindowUs,
        peer: (inProcess.seconds / inProcess.windows) * 1e6,
        peerName: "µs per window of the whole in-process run",
      },
    );
  }
  return rows;
}

/** The NATS rows of the benchmark report (nats-server and worker processes started on this machine, stopped after). */
export async function runNatsCouplingBench(
  options: { readonly steps?: number; readonly reps?: number; readonly heavySteps?: number; readonly rounds?: number } = {},
): Promise<BenchRow[]> {
  const hosts = await natsHosts();
  try {
    const rows = await heavyRows(hosts, options.heavySteps ?? 4000, options.rounds ?? 3);
    rows.push(...(await windowCostRows(hosts, options.steps ?? 5000, options.reps ?? 3)));
    return rows;
  } finally {
    await hosts.close();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === thisFile) {
  const { values } = parseArgs({
    options: { steps: { type: "string" }, reps: { type: "string" }, "heavy-steps": { type: "string" }, rounds: { type: "string" } },
  });
  const { printRows } = await import("./BenchRow.js");
  const rows = await runNatsCouplingBench({
    ...(values.steps !== undefined ? { steps: Number(values.steps) } : {}),
    ...(values.reps !== undefined ? { reps: Number(values.reps) } : {}),
    ...(values["heavy-steps"] !== undefined ? { heavySteps: Number(values["heavy-steps"]) } : {}),
    ...(values.rounds !== undefined ? { rounds: Number(values.rounds) } : {}),
  });
  printRows(rows);
}
