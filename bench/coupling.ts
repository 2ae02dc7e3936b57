// `npx tsx --conditions=@plexus/source bench/coupling.ts [--steps N] [--reps R] [--only placement] [--rounds R]`:
// 1. a network split into two coupled halves in a loop (two 200-neuron LIF ensembles), with a loop
//    delay of 1 and of 10 steps, against the same network composed into one simulator (target:
//    coupled >= 0.8x composed at delay 10);
// 2. placement: two heavy subsystems (each an Ensemble of 5000 LIF neurons, 32-D, recurrent: case e
//    halved) coupled mutually with delay 1, 10 and 100 on both wires: composed on one thread,
//    coupled in-process, and each subsystem on a worker thread, windows crossing through
//    shared-memory rings (the default) and as transferred messages (target: workers >= 1.6x
//    composed at delay 10), with each worker's peak memory, and one subsystem on the coordinator's
//    own thread with the other on a worker; beside them the machine's parallel
//    ceiling for the pair (each subsystem's network alone on a worker thread, both at once, no
//    coupling: what the workers would reach with no coupling cost); and two case-a-sized subsystems at
//    delay 1: the cost of a window per edge on each transport beside in-process. Every variant runs
//    `--rounds` times (default 5, 4000 steps a run), alternating with the composed run (the ratio is the median of
//    the per-round ratios, so a machine shared with other work disturbs it less); rows name the
//    load average when they were measured.
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isMainThread, Worker } from "node:worker_threads";
import { Network } from "@plexus/core";
import { type CoupledSystem, couple, type RunOptions, subsystem, workerThreadHosts } from "@plexus/coupler";
import { build, Simulator } from "@plexus/simulator";
import type { BenchRow } from "./BenchRow.js";

const thisFile = fileURLToPath(import.meta.url);

/** One half: `ref` (an outside signal) and `fb` (the other half) into 200 LIF neurons, decoded to `y`. */
function half(label: string): Network<{ ref: 1; fb: 1 }, { y: 1 }> {
  const net = new Network({ label, inputs: { ref: 1, fb: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({ nNeurons: 200, dimensions: 1, label: "ens" });
  net.connect(net.in.ref, ens, { synapse: 0.005 });
  net.connect(net.in.fb, ens, { synapse: 0.005, transform: -0.6 });
  net.connect(ens, net.out.y, { synapse: null });
  return net;
}

/** The two halves in a loop whose delay is `delay` steps (on the wire back from b to a). */
export function couplingBenchSystem(delay: number): CoupledSystem {
  const a = subsystem(half("a"));
  const b = subsystem(half("b"));
  return couple({ a, b }, { seed: 1 })
    .input(a.in.ref, (t) => Math.sin(2 * Math.PI * t))
    .input(b.in.ref, (t) => 0.5 * Math.cos(2 * Math.PI * 3 * t))
    .wire(a.out.y, b.in.fb)
    .wire(b.out.y, a.in.fb, { delaySteps: delay })
    .probe(a.out.y)
    .probe(b.out.y);
}

export interface CouplingMeasurement {
  readonly delay: number;
  /** Median steps per wall second of the coupled run (building excluded), and of each repetition. */
  readonly coupled: number;
  readonly coupledRuns: readonly number[];
  /** Median steps per wall second of the composed network on one simulator (building excluded). */
  readonly composed: number;
  readonly composedRuns: readonly number[];
  /** The same per CPU second of this process (what other processes on a shared machine disturb less). */
  readonly coupledCpu: number;
  readonly composedCpu: number;
  /** Windows exchanged per edge per run. */
  readonly windows: number;
  /** Whether both runs gave the same probe data, bit for bit. */
  readonly identical: boolean;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Runs the coupled system and the composed network alternately, `reps` times each, `steps` steps a run. */
export async function measureCoupling(delay: number, steps: number, reps: number): Promise<CouplingMeasurement> {
  const system = couplingBenchSystem(delay);
  const comp = system.compose();
  const sim = new Simulator(build(comp.network, { dt: comp.dt, seed: comp.seed, overrides: comp.overrides }), { progress: false, seed: comp.seed });
  // warm-up (and the bit-for-bit check)
  const warm = await system.run({ steps: 2000 });
  sim.runSteps(2000);
  let identical = true;
  for (const name of warm.probes) {
    const x = warm.data(name);
    const probe = comp.probes.get(name);
    if (probe === undefined) throw new Error(`bench: the composed network has no probe ${name}`);
    const y = sim.data(probe).data;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) identical = false;
  }
  const coupledRuns: number[] = [];
  const composedRuns: number[] = [];
  const coupledCpu: number[] = [];
  const composedCpu: number[] = [];
  let windows = 0;
  for (let r = 0; r < reps; r++) {
    const result = await system.run({ steps });
    coupledRuns.push(steps / result.stats.runSeconds);
    coupledCpu.push(steps / result.stats.runCpuSeconds);
    windows = result.stats.edges[0]?.sentWindows ?? 0;
    sim.reset();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    sim.runSteps(steps);
    const c1 = process.cpuUsage(c0);
    composedRuns.push(steps / ((performance.now() - t0) / 1000));
    composedCpu.push(steps / ((c1.user + c1.system) / 1e6));
  }
  return {
    delay,
    coupled: median(coupledRuns),
    coupledRuns,
    composed: median(composedRuns),
    composedRuns,
    coupledCpu: median(coupledCpu),
    composedCpu: median(composedCpu),
    windows,
    identical,
  };
}

/** The coupling rows of the benchmark report: delay 1 and delay 10, coupled beside composed; then the placement rows. */
export async function runCouplingBench(
  options: { readonly steps?: number; readonly reps?: number; readonly only?: string; readonly rounds?: number } = {},
): Promise<BenchRow[]> {
  const steps = options.steps ?? 20000;
  const reps = options.reps ?? 5;
  const rows: BenchRow[] = [];
  const placement = options.rounds !== undefined ? { rounds: options.rounds } : {};
  if (options.only === "placement") return runPlacementBench(placement);
  for (const delay of [1, 10]) {
    process.stderr.write(`coupling: two 200-neuron LIF halves, loop delay ${delay}...\n`);
    const m = await measureCoupling(delay, steps, reps);
    const name = `two 200-LIF halves in a loop, delay ${delay} (${m.windows} windows/edge for ${steps} steps${m.identical ? ", bit-identical" : ", OUTPUTS DIFFER"})`;
    const target = delay === 10 ? { target: 0.8 } : {};
    rows.push({
      group: "coupling",
      case: name,
      metric: `steps/s (min ${Math.round(Math.min(...m.coupledRuns))}, max ${Math.round(Math.max(...m.coupledRuns))})`,
      ours: m.coupled,
      peer: m.composed,
      peerName: "same network composed",
      ratio: m.coupled / m.composed,
      ...target,
    });
    rows.push({
      group: "coupling",
      case: name,
      metric: "steps per CPU s",
      ours: m.coupledCpu,
      peer: m.composedCpu,
      peerName: "same network composed",
      ratio: m.coupledCpu / m.composedCpu,
      ...target,
    });
  }
  rows.push(...(await runPlacementBench(placement)));
  return rows;
}

// --- placement: heavy subsystems on worker threads, and the cost of a window per transport

/** Case e halved: an Ensemble of 5000 LIF neurons, 32-D, recurrent (synapse 0.1), a constant input, `fb` in and the decoded value out. */
export function heavy(label: string, seed: number): Network<{ fb: 32 }, { y: 32 }> {
  const net = new Network({ label, seed, inputs: { fb: 32 }, outputs: { y: 32 } });
  // 1000 evaluation points instead of Nengo's default 10000 keep the build short; a step costs the same
  const ens = net.ensemble({ nNeurons: 5000, dimensions: 32, nEvalPoints: 1000, label: "ens" });
  const c = net.node({ output: new Array<number>(32).fill(0.1), label: "c" });
  net.connect(c, ens);
  net.connect(net.in.fb, ens, { synapse: 0.005, transform: -0.3 });
  net.connect(ens, ens, { synapse: 0.1 });
  net.connect(ens, net.out.y, { synapse: null });
  return net;
}

/** Two case-a-sized subsystems (an input node, Ensemble(100, LIF), decoded out) in a loop. */
function small(label: string): Network<{ ref: 1; fb: 1 }, { y: 1 }> {
  const net = new Network({ label, inputs: { ref: 1, fb: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({ nNeurons: 100, dimensions: 1, label: "ens" });
  net.connect(net.in.ref, ens, { synapse: 0.005 });
  net.connect(net.in.fb, ens, { synapse: 0.005, transform: -0.6 });
  net.connect(ens, net.out.y, { synapse: null });
  return net;
}

/** The heavy subsystems of {@link heavyPair}: label and network seed; and the system's seed and dt. */
const heavySubsystems = [
  { label: "a", seed: 1 },
  { label: "b", seed: 2 },
] as const;
const heavySeed = 3;
const heavyDt = 0.001;

export function heavyPair(delay: number): CoupledSystem {
  const [sa, sb] = heavySubsystems;
  const a = subsystem(heavy(sa.label, sa.seed));
  const b = subsystem(heavy(sb.label, sb.seed));
  return couple({ a, b }, { seed: heavySeed, dt: heavyDt })
    .wire(a.out.y, b.in.fb, { delaySteps: delay })
    .wire(b.out.y, a.in.fb, { delaySteps: delay })
    .probe(a.out.y)
    .probe(b.out.y);
}

export function smallPair(steps: number): CoupledSystem {
  const a = subsystem(small("a"));
  const b = subsystem(small("b"));
  const ref = Float64Array.from({ length: steps }, (_, k) => Math.sin((2 * Math.PI * (k + 1)) / 1000));
  return couple({ a, b }, { seed: 1 })
    .input(a.in.ref, ref)
    .input(b.in.ref, ref)
    .wire(a.out.y, b.in.fb)
    .wire(b.out.y, a.in.fb, { delaySteps: 1 })
    .probe(a.out.y)
    .probe(b.out.y);
}

/** The composed network of `system` built once on one thread: each call resets it and runs `steps` steps (wall seconds, probe data). */
export function composedRunner(system: CoupledSystem): (steps: number) => { seconds: number; data: Map<string, Float64Array> } {
  const comp = system.compose();
  const sim = new Simulator(build(comp.network, { dt: comp.dt, seed: comp.seed, overrides: comp.overrides }), {
    progress: false,
    seed: comp.seed,
    threads: false,
  });
  return (steps) => {
    sim.reset();
    const t0 = performance.now();
    sim.runSteps(steps);
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, data: new Map([...comp.probes].map(([name, p]) => [name, sim.data(p).data])) };
  };
}

function sameBits(result: { probes: string[]; data(name: string): Float64Array }, data: Map<string, Float64Array>): boolean {
  return result.probes.every((name) => {
    const x = result.data(name);
    const y = data.get(name);
    return y !== undefined && x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  });
}

/** A transport of the placement rows: its name and the run options placing both subsystems. */
export interface PlacementTransport {
  readonly name: string;
  readonly options: RunOptions;
}

const bothOnWorkers = { a: "worker", b: "worker" } as const;

/** The transports of the placement rows: worker threads with each way windows cross (other transports append theirs, e.g. NATS). */
export const placementTransports: PlacementTransport[] = [
  { name: "worker threads, shared-memory rings (default)", options: { placement: bothOnWorkers, hosts: workerThreadHosts({ windows: "rings" }) } },
  { name: "worker threads, transferred messages", options: { placement: bothOnWorkers, hosts: workerThreadHosts({ windows: "messages" }) } },
];

/** The machine's load averages (1, 5, 15 min), for the report: timings on a shared machine depend on them. */
export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

/** One variant's runs in a placement benchmark: wall seconds per round, and whether every run gave the composed bits. */
interface VariantRuns {
  readonly name: string;
  readonly options: RunOptions;
  readonly seconds: number[];
  readonly ratios: number[];
  identical: boolean;
  /** Windows sent on the busiest edge, and on all edges, in the last run. */
  windows: number;
  crossing: number;
  peakMemory: number[];
}

/** A round's runs that are not the coupled system: the composed run and the parallel ceiling, wall seconds. */
interface Rounds {
  readonly composed: number[];
  /** Per round, composed seconds / the ceiling's seconds (empty without a ceiling). */
  readonly ceiling: number[];
  readonly ceilingSeconds: number[];
  readonly runs: VariantRuns[];
}

/**
 * Runs `system` composed on one thread and with each variant, `rounds` times, alternating (each
 * round the composed run first, then the variants, and the parallel ceiling when given, in an
 * order rotated by the round); per round, the ratio of each to that round's composed run.
 */
async function alternate(
  system: CoupledSystem,
  steps: number,
  rounds: number,
  variants: readonly { readonly name: string; readonly options: RunOptions }[],
  ceiling?: (steps: number) => Promise<number>,
): Promise<Rounds> {
  const composed = composedRunner(system);
  const reference = composed(steps).data;
  await system.run({ steps: 10 }); // builds the in-process simulators (kept for the next runs)
  const runs: VariantRuns[] = variants.map((v) => ({
    name: v.name,
    options: v.options,
    seconds: [],
    ratios: [],
    identical: true,
    windows: 0,
    crossing: 0,
    peakMemory: [],
  }));
  const out: Rounds = { composed: [], ceiling: [], ceilingSeconds: [], runs };
  for (let r = 0; r < rounds; r++) {
    const c = composed(steps).seconds;
    out.composed.push(c);
    const jobs: (() => Promise<void>)[] = runs.map((v) => async () => {
      const result = await system.run({ steps, ...v.options });
      v.seconds.push(result.stats.runSeconds);
      v.ratios.push(c / result.stats.runSeconds);
      v.identical &&= sameBits(result, reference);
      v.windows = Math.max(...result.stats.edges.map((e) => e.sentWindows));
      v.crossing = result.stats.edges.reduce((n, e) => n + e.sentWindows, 0);
      for (const h of result.stats.hosts ?? []) if (Number.isFinite(h.peakMemoryBytes)) v.peakMemory.push(h.peakMemoryBytes);
    });
    if (ceiling !== undefined)
      jobs.push(async () => {
        const seconds = await ceiling(steps);
        out.ceilingSeconds.push(seconds);
        out.ceiling.push(c / seconds);
      });
    // the variants (and the ceiling) in an order rotated by the round
    for (const job of rotate(jobs, r)) await job();
  }
  return out;
}

/** `xs` rotated left by `by` places. */
function rotate<T>(xs: readonly T[], by: number): T[] {
  const k = xs.length === 0 ? 0 : by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

/** A module URL to start as a worker thread from the TypeScript sources: a bootstrap registering tsx (with the `@plexus/source` condition), then the file. */
function tsWorkerUrl(file: URL): URL {
  const conditions = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@plexus/source"] }); }';
  const bootstrap = [
    `const { register: hook } = await import("node:module");`,
    `hook(${JSON.stringify(`data:text/javascript,${encodeURIComponent(conditions)}`)});`,
    `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});`,
    "register();",
    `await import(${JSON.stringify(file.href)});`,
  ].join("\n");
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

/** A message from a ceiling worker: "ready" once built, then `{ ms }` per run. */
type CeilingMessage = "ready" | { readonly ms: number };

/**
 * The machine's parallel ceiling for the heavy pair: each subsystem's network on a fresh worker
 * thread of its own (built, as a worker host builds its unit, before the clock starts), both
 * stepped `steps` steps at once with nothing coupling them; the wall seconds from the start
 * signal until both are done. What the coupled run on two workers would take with no coupling
 * cost at all (the two threads contend for the cores, caches and memory as the coupled ones do).
 */
export async function parallelCeiling(steps: number): Promise<number> {
  const workers = heavySubsystems.map(
    (s) => new Worker(tsWorkerUrl(new URL("./ceilingWorker.ts", import.meta.url)), { workerData: { ...s, simSeed: heavySeed, dt: heavyDt } }),
  );
  try {
    const next = (w: Worker): Promise<CeilingMessage> =>
      new Promise((resolve, reject) => {
        w.once("message", resolve);
        w.once("error", reject);
      });
    await Promise.all(workers.map(next));
    const t0 = performance.now();
    const done = workers.map(next);
    for (const w of workers) w.postMessage({ steps });
    await Promise.all(done);
    return (performance.now() - t0) / 1000;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The placement rows: heavy subsystems at delay 1, 10, 100 (and the machine's parallel ceiling beside them); the cost of a window at delay 1. */
export async function runPlacementBench(
  options: { readonly steps?: number; readonly smallSteps?: number; readonly rounds?: number } = {},
): Promise<BenchRow[]> {
  // runs of 4000 steps (about half a second composed): the machine's speed drifts between runs by
  // more than a short run's coupling cost, and five alternating rounds give the median a margin
  const steps = options.steps ?? 4000;
  const rounds = options.rounds ?? 5;
  const rows: BenchRow[] = [];
  const variants: PlacementTransport[] = [
    { name: "in-process", options: {} },
    ...placementTransports,
    // the coordinator's thread, otherwise idle, runs one subsystem itself (its engine kept between runs, as in-process)
    {
      name: "a on the coordinator's thread, b on a worker thread, shared-memory rings",
      options: { placement: { a: "main", b: "worker" }, hosts: workerThreadHosts() },
    },
  ];
  for (const delay of [1, 10, 100]) {
    const loadBefore = loadAverage();
    process.stderr.write(`coupling: two 5000-LIF 32-D recurrent subsystems, delay ${delay}: ${rounds} rounds alternating (load average ${loadBefore})...\n`);
    const system = heavyPair(delay);
    const m = await alternate(system, steps, rounds, variants, parallelCeiling);
    const load = `load average ${loadBefore} before, ${loadAverage()} after`;
    const peer = steps / median(m.composed);
    const ceiling = median(m.ceiling);
    const perRound = (xs: readonly number[]): string => xs.map((x) => x.toFixed(2)).join(" ");
    for (const v of m.runs) {
      const memory = v.peakMemory.length > 0 ? `, peak memory per worker ${Math.round(Math.max(...v.peakMemory) / 2 ** 20)} MiB` : "";
      const onWorkers = v.name.startsWith("worker threads");
      const ofCeiling = v.name !== "in-process" ? `, ${median(v.ratios).toFixed(2)}x of a ${ceiling.toFixed(2)}x parallel ceiling` : "";
      rows.push({
        group: "coupling",
        case: `two 5000-LIF 32-D recurrent subsystems, delay ${delay}, ${v.name} (${v.windows} windows/edge, ${v.identical ? "bit-identical" : "OUTPUTS DIFFER"}${ofCeiling}${memory}; ${load})`,
        metric: `steps/s (wall, build excluded; median of ${rounds}; ratio: median of per-round ratios ${perRound(v.ratios)})`,
        ours: steps / median(v.seconds),
        peer,
        peerName: "composed, one thread",
        ratio: median(v.ratios),
        ...(delay === 10 && onWorkers ? { target: 1.6 } : {}),
      });
    }
    rows.push({
      group: "coupling",
      case: `two 5000-LIF 32-D recurrent subsystems, delay ${delay}: parallel ceiling, each subsystem's network alone on a worker thread, both at once, not coupled (${load})`,
      metric: `steps/s (wall, build excluded; median of ${rounds}; ratio: median of per-round ratios ${perRound(m.ceiling)})`,
      ours: steps / median(m.ceilingSeconds),
      peer,
      peerName: "composed, one thread",
      ratio: ceiling,
    });
  }
  rows.push(...(await windowCost(options.smallSteps ?? 5000, rounds)));
  return rows;
}

/** Microseconds per window per edge at delay 1 (windows of one step): (coupled - composed wall time) / windows crossing, medians over alternating rounds. */
async function windowCost(steps: number, rounds: number): Promise<BenchRow[]> {
  const loadBefore = loadAverage();
  process.stderr.write(`coupling: two case-a-sized subsystems at delay 1: the cost of a window (load average ${loadBefore})...\n`);
  const system = smallPair(steps);
  const m = await alternate(system, steps, rounds, [{ name: "in-process", options: {} }, ...placementTransports]);
  const load = `load average ${loadBefore} before, ${loadAverage()} after`;
  const composed = median(m.composed);
  const crossing = (v: VariantRuns): number => v.crossing;
  return m.runs.map((v) => ({
    group: "coupling",
    case: `two case-a-sized subsystems, delay 1, ${v.name} (${v.crossing} windows over 2 edges, ${v.identical ? "bit-identical" : "OUTPUTS DIFFER"}; ${load})`,
    metric: `µs per window per edge beyond composed (median of ${rounds}: ${v.seconds.map((x) => (((x - composed) / crossing(v)) * 1e6).toFixed(0)).join(" ")})`,
    ours: ((median(v.seconds) - composed) / crossing(v)) * 1e6,
    peer: (composed / v.windows) * 1e6,
    peerName: "µs per step of the composed run",
  }));
}

// (a worker thread importing this file, the ceiling's, sees the same argv: it runs nothing)
if (isMainThread && process.argv[1] !== undefined && resolve(process.argv[1]) === thisFile) {
  const { values } = parseArgs({ options: { steps: { type: "string" }, reps: { type: "string" }, only: { type: "string" }, rounds: { type: "string" } } });
  const { printRows } = await import("./BenchRow.js");
  const rows = await runCouplingBench({
    ...(values.steps !== undefined ? { steps: Number(values.steps) } : {}),
    ...(values.reps !== undefined ? { reps: Number(values.reps) } : {}),
    ...(values.only !== undefined ? { only: values.only } : {}),
    ...(values.rounds !== undefined ? { rounds: Number(values.rounds) } : {}),
  });
  printRows(rows);
}
