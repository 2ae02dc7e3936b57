// Training benchmark: Adam steps/s of the seed task (1000 steps) and the BPTT task (200 steps)
// for the typed-array engine (float64, float32) and the tfjs engine (wasm backend), each the
// median of 3 fresh processes with one untimed warm-up training, in rounds alternating with
// PyTorch (bench/peers/torch_training.py) when it is importable; else beside baselines.md's figures.
//
//   npx tsx --conditions=@plexus/source bench/training.ts [--quick]
//
// `runTrainingBench()` is what bench/main.ts calls.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { adam, type CompiledModel, type Dtype, type Engine, OptimizerState, TypedEngine } from "@plexus/trainer";
// The reference tasks as Plexus networks: the same builders the parity tests train.
import { bpttTask as bpttTaskSpec, seedTask as seedTaskSpec } from "../packages/trainer/test/parity/tasks.js";
import type { BenchRow } from "./BenchRow.js";
import { baselinesPath, trainingBaselines } from "./baselines.js";

const thisFile = fileURLToPath(import.meta.url);
/** ../shared/reference/training beside baselines.md (the tasks' data and initial parameters). */
const trainingReferenceDir = resolve(dirname(baselinesPath), "training");

type Task = "seed" | "bptt";
type Impl = "typed-float64" | "typed-float32" | "tfjs-wasm";

interface Trainable {
  readonly model: CompiledModel;
  /** Runs the task's whole training (all Adam steps) from the initial parameters; returns the steps taken. */
  train(): number;
}

async function engineFor(impl: Impl): Promise<{ engine: Engine; dtype: Dtype }> {
  if (impl === "tfjs-wasm") {
    const { TfjsEngine } = await import("@plexus/trainer/tfjs");
    return { engine: new TfjsEngine({ backend: "wasm" }), dtype: "float32" };
  }
  return { engine: new TypedEngine(), dtype: impl === "typed-float32" ? "float32" : "float64" };
}

async function seedTask(impl: Impl): Promise<Trainable> {
  const task = seedTaskSpec();
  const { engine, dtype } = await engineFor(impl);
  const model = await engine.compile(task.net, { dtype, encoders: "unit" }); // the parametrisation the PyTorch reference trains
  const mb = task.ref.minibatch;
  const perms = task.ref.perms.map((p) => Int32Array.from(p));
  return {
    model,
    train(): number {
      task.setInitial(model);
      const opt = new OptimizerState(adam({ learningRate: 1e-3 }));
      let steps = 0;
      for (const perm of perms.slice(0, task.ref.epochs)) {
        for (let s = 0; s < task.batchesPerEpoch; s++) {
          model.lossAndGradients(task.minibatch(perm.subarray(s * mb, (s + 1) * mb)));
          model.applyOptimizer(opt);
          steps++;
        }
      }
      return steps;
    },
  };
}

async function bpttTask(impl: Impl): Promise<Trainable> {
  const task = bpttTaskSpec();
  const { engine, dtype } = await engineFor(impl);
  const model = await engine.compile(task.net, { dtype, dt: task.ref.dt, encoders: "unit" });
  const batches = Array.from({ length: task.batchesPerEpoch }, (_, k) => task.minibatch(k));
  return {
    model,
    train(): number {
      task.setInitial(model);
      const opt = new OptimizerState(adam({ learningRate: 1e-3 }));
      let steps = 0;
      for (let e = 0; e < task.ref.epochs; e++) {
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
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** One PyTorch run of a task (bench/peers/torch_training.py), or null with the reason on stderr. */
function measureTorch(task: Task): Figure | null {
  const py = torchPython();
  if (py === null) return null;
  const res = spawnSync(py, [resolve(dirname(thisFile), "peers/torch_training.py"), task, trainingReferenceDir], { encoding: "utf8", maxBuffer: 1 << 24 });
  const line = res.stdout.trim().split("\n").pop() ?? "";
  if (res.status !== 0 || !line.startsWith("{")) {
    process.stderr.write(`PyTorch ${task} failed: ${res.stderr.trim().split("\n").pop() ?? ""}\n`);
    return null;
  }
  const f = JSON.parse(line) as { stepsPerS: number };
  return { stepsPerS: f.stepsPerS, cpuStepsPerS: Number.NaN };
}

let torchPy: string | null | undefined;

/** A python3 that imports torch ($PLEXUS_TORCH_PYTHON, Debian's /usr/bin/python3, python3), or null. */
function torchPython(): string | null {
  if (torchPy !== undefined) return torchPy;
  const candidates = [process.env["PLEXUS_TORCH_PYTHON"], "/usr/bin/python3", "python3"].filter((c): c is string => c !== undefined);
  torchPy = candidates.find((c) => spawnSync(c, ["-c", "import torch"], { encoding: "utf8" }).status === 0) ?? null;
  if (torchPy === null) process.stderr.write("PyTorch not importable (apt-get install python3-torch): stored figures from baselines.md\n");
  return torchPy;
}

/**
 * Adam steps/s per task and implementation (median of `runs` fresh processes), run in rounds that
 * alternate our implementations with PyTorch (float32, 1 thread) when it is importable, beside
 * the peers' figures: PyTorch's from this run, else (and the hand-written JS's) from baselines.md,
 * marked as stored.
 */
export async function runTrainingBench(
  options: { readonly impls?: readonly Impl[]; readonly runs?: number; readonly peers?: boolean } = {},
): Promise<BenchRow[]> {
  const impls = options.impls ?? (["typed-float64", "typed-float32", "tfjs-wasm"] as const);
  const runs = options.runs ?? 3;
  const rows: BenchRow[] = [];
  for (const task of ["seed", "bptt"] as const) {
    const base = trainingBaselines(task === "seed" ? "seed" : "BPTT");
    const pick = (f: (name: string) => boolean): [string, number] | undefined => Object.entries(base).find(([k]) => f(k));
    const storedTorch = pick((k) => k.startsWith("PyTorch") && k.includes("float32") && k.includes("1 thread"));
    const js = pick((k) => k.startsWith("plain JavaScript") && !k.includes("Float32Array"));
    const tfjsWasm = pick((k) => k.startsWith("TensorFlow.js") && k.includes("wasm"));
    const title = task === "seed" ? "seed task (1000 Adam steps, 100 Sigmoid)" : "BPTT task (200 Adam steps, 200 SoftLIF × 100 steps)";
    const ours = new Map<Impl, Figure[]>(impls.map((i) => [i, []]));
    const torch: Figure[] = [];
    for (let r = 0; r < runs; r++) {
      for (const impl of impls) {
        process.stderr.write(`training ${task} ${impl}, round ${r + 1}...\n`);
        try {
          ours.get(impl)?.push(...measure(task, impl, 1));
        } catch (e) {
          process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
      if (options.peers !== false) {
        process.stderr.write(`training ${task} PyTorch, round ${r + 1}...\n`);
        const f = measureTorch(task);
        if (f !== null) torch.push(f);
      }
    }
    const torchPeer: [string, number] | undefined =
      torch.length > 0
        ? ["PyTorch f32 1 thread, same run", median(torch.map((f) => f.stepsPerS))]
        : storedTorch && ["PyTorch f32 1 thread, stored", storedTorch[1]];
    for (const impl of impls) {
      const measured = ours.get(impl) ?? [];
      if (measured.length === 0) continue;
      const figures = measured.map((f) => f.stepsPerS);
      const mine = median(figures);
      const name = `${title}, ${impl}`;
      const cpu = median(measured.map((f) => f.cpuStepsPerS));
      const metric = `Adam steps/s (min ${fmtRate(Math.min(...figures))}, max ${fmtRate(Math.max(...figures))}; per CPU-second ${fmtRate(cpu)})`;
      // The targets are the typed engine's; the tfjs engine is shown beside the tfjs baseline.
      const typed = impl !== "tfjs-wasm";
      if (torchPeer)
        rows.push({
          group: "training",
          case: name,
          metric,
          ours: mine,
          peer: torchPeer[1],
          peerName: torchPeer[0],
          ratio: mine / torchPeer[1],
          target: typed ? 1 : undefined,
        });
      if (typed && js)
        rows.push({
          group: "training",
          case: name,
          metric,
          ours: mine,
          peer: js[1],
          peerName: "hand-written JS f64, stored",
          ratio: mine / js[1],
          target: 0.5,
        });
      if (!typed && tfjsWasm)
        rows.push({ group: "training", case: name, metric, ours: mine, peer: tfjsWasm[1], peerName: "TensorFlow.js wasm, stored", ratio: mine / tfjsWasm[1] });
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
