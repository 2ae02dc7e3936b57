// `npx tsx --conditions=@plexus/source bench/couplingNats.ts [--steps N] [--reps R]`: the coupling
// benchmarks over NATS on loopback (a nats-server child process on a free port): the cost of a
// window through the broker for small subsystems (loop delay 1), beside the in-process transport.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Network } from "@plexus/core";
import { couple, subsystem, type CoupledSystem, type Transport } from "@plexus/coupler";
import { NatsTransport, startNatsServer } from "@plexus/coupler/nats";
import type { BenchRow } from "./BenchRow.js";

const thisFile = fileURLToPath(import.meta.url);

/** A small subsystem (case a-sized): `ref` and `fb` into 100 LIF neurons, decoded to `y`. */
function small(label: string): Network<{ ref: 1; fb: 1 }, { y: 1 }> {
  const net = new Network({ label, inputs: { ref: 1, fb: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({ nNeurons: 100, dimensions: 1, label: "ens" });
  net.connect(net.in.ref, ens, { synapse: 0.005 });
  net.connect(net.in.fb, ens, { synapse: 0.005, transform: -0.6 });
  net.connect(ens, net.out.y, { synapse: null });
  return net;
}

/** Two small subsystems in a loop of delay 1: every window is one step. */
function smallLoop(): CoupledSystem {
  const a = subsystem(small("a"));
  const b = subsystem(small("b"));
  return couple({ a, b }, { seed: 1 })
    .input(a.in.ref, (t) => Math.sin(2 * Math.PI * t))
    .input(b.in.ref, (t) => 0.5 * Math.cos(2 * Math.PI * 3 * t))
    .wire(a.out.y, b.in.fb, { delaySteps: 1 })
    .wire(b.out.y, a.in.fb, { delaySteps: 1 })
    .probe(a.out.y)
    .probe(b.out.y);
}

const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** Median run seconds of `system` (a run with each transport `transport` makes), and the windows sent over all edges in one run. */
async function timeRuns(system: CoupledSystem, steps: number, reps: number, transport: () => Promise<Transport | undefined>): Promise<{ seconds: number; windows: number; data: Map<string, Float64Array> }> {
  const seconds: number[] = [];
  let windows = 0;
  let data = new Map<string, Float64Array>();
  for (let r = 0; r < reps + 1; r++) {
    const t = await transport();
    const result = await system.run({ steps, ...(t === undefined ? {} : { transport: t }) });
    if (t instanceof NatsTransport) await t.close();
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
 * The per-window cost of the NATS transport: two small subsystems in a loop of delay 1 (one-step
 * windows), every edge through the broker, against the in-process transport; the extra wall time
 * divided by the windows sent over all edges.
 */
async function windowCostRows(url: string, steps: number, reps: number): Promise<BenchRow[]> {
  process.stderr.write("coupling over NATS: two 100-LIF subsystems, loop delay 1 (cost per window)...\n");
  const system = smallLoop();
  const inProcess = await timeRuns(system, steps, reps, () => Promise.resolve(undefined));
  const nats = await timeRuns(system, steps, reps, () => NatsTransport.connect({ servers: url }));
  const perWindowUs = ((nats.seconds - inProcess.seconds) / nats.windows) * 1e6;
  const inProcessUs = (inProcess.seconds / inProcess.windows) * 1e6;
  const identical = sameBits(nats.data, inProcess.data);
  const name = `two 100-LIF subsystems, delay 1, every edge through nats-server on loopback (${nats.windows} windows per run${identical ? ", bit-identical" : ", OUTPUTS DIFFER"})`;
  return [
    { group: "coupling/nats", case: name, metric: "steps/s", ours: steps / nats.seconds, peer: steps / inProcess.seconds, peerName: "in-process transport", ratio: inProcess.seconds / nats.seconds },
    { group: "coupling/nats", case: name, metric: "extra µs per window per edge (run time per window in-process beside)", ours: perWindowUs, peer: inProcessUs, peerName: "µs per window, whole in-process run" },
  ];
}

/** The NATS rows of the benchmark report (a nats-server child process on a free loopback port). */
export async function runNatsCouplingBench(options: { readonly steps?: number; readonly reps?: number } = {}): Promise<BenchRow[]> {
  const steps = options.steps ?? 5000;
  const reps = options.reps ?? 3;
  const server = await startNatsServer();
  try {
    return await windowCostRows(server.url, steps, reps);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === thisFile) {
  const { values } = parseArgs({ options: { steps: { type: "string" }, reps: { type: "string" } } });
  const { printRows } = await import("./BenchRow.js");
  const rows = await runNatsCouplingBench({
    ...(values.steps !== undefined ? { steps: Number(values.steps) } : {}),
    ...(values.reps !== undefined ? { reps: Number(values.reps) } : {}),
  });
  printRows(rows);
}
