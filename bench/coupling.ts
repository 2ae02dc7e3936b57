// `npx tsx --conditions=@plexus/source bench/coupling.ts [--steps N] [--reps R]`: a network split
// into two coupled halves in a loop (two 200-neuron LIF ensembles), with a loop delay of 1 and of
// 10 steps, against the same network composed into one simulator. Prints steps/s of both and
// their ratio (target: coupled >= 0.8x composed at delay 10).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Network } from "@plexus/core";
import { couple, subsystem, type CoupledSystem } from "@plexus/coupler";
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
  return s[Math.floor(s.length / 2)]!;
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
    const y = sim.data(comp.probes.get(name)!).data;
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
    windows = result.stats.edges[0]!.sentWindows;
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

/** The coupling rows of the benchmark report: delay 1 and delay 10, coupled beside composed. */
export async function runCouplingBench(options: { readonly steps?: number; readonly reps?: number } = {}): Promise<BenchRow[]> {
  const steps = options.steps ?? 20000;
  const reps = options.reps ?? 5;
  const rows: BenchRow[] = [];
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
    rows.push({ group: "coupling", case: name, metric: "steps per CPU s", ours: m.coupledCpu, peer: m.composedCpu, peerName: "same network composed", ratio: m.coupledCpu / m.composedCpu, ...target });
  }
  return rows;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === thisFile) {
  const { values } = parseArgs({ options: { steps: { type: "string" }, reps: { type: "string" } } });
  const { printRows } = await import("./BenchRow.js");
  const rows = await runCouplingBench({
    ...(values.steps !== undefined ? { steps: Number(values.steps) } : {}),
    ...(values.reps !== undefined ? { reps: Number(values.reps) } : {}),
  });
  for (const r of rows) console.log(`${r.case}: coupled ${Math.round(r.ours)} ${r.metric.startsWith("steps/s") ? "steps/s" : r.metric}, composed ${Math.round(r.peer!)}, ratio ${r.ratio!.toFixed(2)}`);
  printRows(rows);
}
