// Training benchmark: Adam steps/s of the seed task (1000 steps) and the BPTT task (200 steps)
// for the typed-array engine (float64, float32) and the tfjs engine (wasm backend), each the
// median of 3 fresh processes with one untimed warm-up training, beside baselines.md's figures.
//
//   npx tsx --conditions=@plexus/source bench/training.ts [--quick]
//
// `runTrainingBench()` is what bench/main.ts calls.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Lowpass, Network, Sigmoid, SoftLIFRate } from "@plexus/core";
import { adam, OptimizerState, TypedEngine, type BatchData, type CompiledModel, type Dtype, type Engine } from "@plexus/trainer";
import { trainingBaselines } from "./baselines.js";
import type { BenchRow } from "./BenchRow.js";
import { loadReference } from "../test/support/reference.js";

const thisFile = fileURLToPath(import.meta.url);

type Task = "seed" | "bptt";
type Impl = "typed-float64" | "typed-float32" | "tfjs-wasm";

interface Trainable {
  readonly model: CompiledModel;
  /** Runs the task's whole training (all Adam steps) from the initial parameters; returns the steps taken. */
  train(): number;
}

interface SeedRef {
  readonly gain: number[];
  readonly bias: number[];
  readonly tau_ref: number;
  readonly initial: { readonly enc: number[]; readonly dec: number[]; readonly w_in: number };
  readonly minibatch: number;
  readonly epochs: number;
  readonly perms: number[][];
}

interface BpttRef {
  readonly N: number;
  readonly D_in: number;
  readonly T: number;
  readonly pool: number;
  readonly batch: number;
  readonly epochs: number;
  readonly dt: number;
  readonly tau_rc: number;
  readonly tau_ref: number;
  readonly sigma: number;
  readonly tau_in: number;
  readonly tau_out: number;
  readonly gain: number[];
  readonly bias: number[];
  readonly E: number[];
  readonly D: number[];
  readonly X: number[];
  readonly Yf: number[];
}

async function engineFor(impl: Impl): Promise<{ engine: Engine; dtype: Dtype }> {
  if (impl === "tfjs-wasm") {
    const { TfjsEngine } = await import("@plexus/trainer");
    return { engine: new TfjsEngine({ backend: "wasm" }), dtype: "float32" };
  }
  return { engine: new TypedEngine(), dtype: impl === "typed-float32" ? "float32" : "float64" };
}

async function seedTask(impl: Impl): Promise<Trainable> {
  const ref = loadReference<SeedRef>("training/seed_task.json");
  const net = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({
    nNeurons: ref.gain.length,
    dimensions: 1,
    neuronType: new Sigmoid({ tauRef: ref.tau_ref }),
    gain: ref.gain,
    bias: ref.bias,
    encoders: ref.initial.enc,
    normalizeEncoders: false,
  });
  net.connect(net.in.u, ens, { synapse: null });
  net.connect(ens, net.out.y, { synapse: null });
  net.config.setTrainable(ens.neurons, false);
  const { engine, dtype } = await engineFor(impl);
  const model = await engine.compile(net, { dtype });
  const [enc, , w, dec] = model.parameters.map((p) => p.name);
  const total = ref.perms[0]!.length;
  const x = new Float64Array(total);
  for (let k = 0; k < total; k++) x[k] = Math.sin(2 * Math.PI * 5 * (k * 0.001));
  const mb = ref.minibatch;
  const u = new Float64Array(mb);
  const y = new Float64Array(mb);
  const batch: BatchData = { inputs: { u }, targets: { y }, batchSize: mb, steps: 1 };
  return {
    model,
    train(): number {
      model.setParameter(enc!, ref.initial.enc);
      model.setParameter(w!, [ref.initial.w_in]);
      model.setParameter(dec!, ref.initial.dec);
      const opt = new OptimizerState(adam({ learningRate: 1e-3 }));
      let steps = 0;
      for (let e = 0; e < ref.epochs; e++) {
        const perm = ref.perms[e]!;
        for (let s = 0; s < total; s += mb) {
          for (let i = 0; i < mb; i++) u[i] = y[i] = x[perm[s + i]!]!;
          model.lossAndGradients(batch);
          model.applyOptimizer(opt);
          steps++;
        }
      }
      return steps;
    },
  };
}

async function bpttTask(impl: Impl): Promise<Trainable> {
  const ref = loadReference<BpttRef>("training/bptt_task.json");
  const { N, D_in: d, T, pool, batch: mb } = ref;
  const net = new Network({ inputs: { x: d }, outputs: { y: 1 } });
  const ens = net.ensemble({
    nNeurons: N,
    dimensions: d,
    neuronType: new SoftLIFRate({ sigma: ref.sigma, tauRc: ref.tau_rc, tauRef: ref.tau_ref }),
    gain: ref.gain,
    bias: ref.bias,
    encoders: Array.from({ length: N }, (_, i) => ref.E.slice(i * d, (i + 1) * d)),
    normalizeEncoders: false,
  });
  const input = net.connect(net.in.x, ens, { synapse: new Lowpass(ref.tau_in) });
  net.connect(ens, net.out.y, { synapse: new Lowpass(ref.tau_out), function: (v) => v[0]! * v[1]! });
  net.config.setTrainable(input, false);
  const { engine, dtype } = await engineFor(impl);
  const model = await engine.compile(net, { dtype, dt: ref.dt });
  const [E, bias, , D] = model.parameters.map((p) => p.name);
  const X = Float64Array.from(ref.X);
  const Y = Float64Array.from(ref.Yf);
  const batches: BatchData[] = [];
  for (let k = 0; k < pool / mb; k++) {
    batches.push({ inputs: { x: X.subarray(k * mb * T * d, (k + 1) * mb * T * d) }, targets: { y: Y.subarray(k * mb * T, (k + 1) * mb * T) }, batchSize: mb, steps: T });
  }
  return {
    model,
    train(): number {
      model.setParameter(E!, ref.E);
      model.setParameter(bias!, ref.bias);
      model.setParameter(D!, ref.D);
      const opt = new OptimizerState(adam({ learningRate: 1e-3 }));
      let steps = 0;
      for (let e = 0; e < ref.epochs; e++) {
        for (const b of batches) {
          model.lossAndGradients(b);
          model.applyOptimizer(opt);
          steps++;
        }
      }
      return steps;
    },
  };
}

/** One fresh process's measurement: an untimed warm-up training, then a timed one. */
async function child(task: Task, impl: Impl): Promise<void> {
  const t = task === "seed" ? await seedTask(impl) : await bpttTask(impl);
  t.train();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const steps = t.train();
  const s = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  t.model.dispose();
  // Wall clock is the figure (as the baselines'); CPU time shows what a busy machine hides.
  console.log(JSON.stringify({ stepsPerS: steps / s, cpuStepsPerS: steps / ((cpu.user + cpu.system) / 1e6) }));
}

interface Figure {
  readonly stepsPerS: number;
  readonly cpuStepsPerS: number;
}

function measure(task: Task, impl: Impl, runs: number): Figure[] {
  const out: Figure[] = [];
  for (let r = 0; r < runs; r++) {
    const res = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@plexus/source", thisFile, "--child", task, impl], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const line = res.stdout.trim().split("\n").pop() ?? "";
    if (res.status !== 0 || !line.startsWith("{")) throw new Error(`training bench ${task} ${impl} failed:\n${res.stderr}`);
    out.push(JSON.parse(line) as Figure);
  }
  return out;
}

const fmtRate = (x: number): string => (x >= 100 ? String(Math.round(x)) : x.toFixed(1));

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Adam steps/s per task and implementation (median of 3 fresh processes) beside the peers' figures. */
export async function runTrainingBench(options: { readonly impls?: readonly Impl[]; readonly runs?: number } = {}): Promise<BenchRow[]> {
  const impls = options.impls ?? (["typed-float64", "typed-float32", "tfjs-wasm"] as const);
  const runs = options.runs ?? 3;
  const rows: BenchRow[] = [];
  for (const task of ["seed", "bptt"] as const) {
    const base = trainingBaselines(task === "seed" ? "seed" : "BPTT");
    const pick = (f: (name: string) => boolean): [string, number] | undefined => Object.entries(base).find(([k]) => f(k));
    const torch = pick((k) => k.startsWith("PyTorch") && k.includes("float32") && k.includes("1 thread"));
    const js = pick((k) => k.startsWith("plain JavaScript") && !k.includes("Float32Array"));
    const tfjsWasm = pick((k) => k.startsWith("TensorFlow.js") && k.includes("wasm"));
    const title = task === "seed" ? "seed task (1000 Adam steps, 100 Sigmoid)" : "BPTT task (200 Adam steps, 200 SoftLIF × 100 steps)";
    for (const impl of impls) {
      process.stderr.write(`training ${task} ${impl}...\n`);
      let measured: Figure[];
      try {
        measured = measure(task, impl, runs);
      } catch (e) {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        continue;
      }
      const figures = measured.map((f) => f.stepsPerS);
      const ours = median(figures);
      const name = `${title}, ${impl}`;
      const cpu = median(measured.map((f) => f.cpuStepsPerS));
      const metric = `Adam steps/s (min ${fmtRate(Math.min(...figures))}, max ${fmtRate(Math.max(...figures))}; per CPU-second ${fmtRate(cpu)})`;
      // The targets are the typed engine's; the tfjs engine is shown beside the tfjs baseline.
      const typed = impl !== "tfjs-wasm";
      if (torch) rows.push({ group: "training", case: name, metric, ours, peer: torch[1], peerName: "PyTorch f32 1 thread", ratio: ours / torch[1], target: typed ? 1 : undefined });
      if (typed && js) rows.push({ group: "training", case: name, metric, ours, peer: js[1], peerName: "hand-written JS f64", ratio: ours / js[1], target: 0.5 });
      if (!typed && tfjsWasm) rows.push({ group: "training", case: name, metric, ours, peer: tfjsWasm[1], peerName: "TensorFlow.js wasm", ratio: ours / tfjsWasm[1] });
    }
  }
  return rows;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === thisFile) {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    await child(args[1] as Task, args[2] as Impl);
  } else {
    const { printRows } = await import("./BenchRow.js");
    const only = args.find((a) => a.startsWith("--impls="))?.slice("--impls=".length);
    printRows(await runTrainingBench(only === undefined ? {} : { impls: only.split(",") as Impl[] }));
  }
}
