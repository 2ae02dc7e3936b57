// Decoder-solve benchmark: LstsqL2 on the activities of an Ensemble(n, 64, LIF) at m eval points
// with two 64-column targets sharing one factorisation (what building case e of baselines.md
// solves), at n = 2000, 5000 and 10000 by default (m = 20000). Each size runs in its own process
// so that peak RSS is per size.
//
//   npx tsx --conditions=@plexus/source bench/solver.ts [--n 2000,5000] [--m 20000] [--d 64]
//       [--targets 2] [--reference]
//
// --reference also times the plain-JS path (slow: use it with small n).
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LIF, Rng, ScatteredHypersphere, Uniform } from "@plexus/core";
import type { WasmCholeskyStats } from "../packages/core/src/internal/linalg/wasm/choleskyWasm.js";
import { choleskyL2 } from "../packages/core/src/solvers/internal/choleskyL2.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "2000,5000,10000" },
    m: { type: "string", default: "20000" },
    d: { type: "string", default: "64" },
    targets: { type: "string", default: "2" },
    reference: { type: "boolean", default: false },
    child: { type: "boolean", default: false },
  },
});

interface Row {
  n: number;
  active: number;
  m: number;
  D: number;
  threads: number;
  setupS: number;
  sigmaS: number;
  gramS: number;
  factorS: number;
  solveS: number;
  residualS: number;
  totalS: number;
  /** CPU seconds of the solve, all threads together (the machine may be shared). */
  cpuS: number;
  gflops: { gram: number; factor: number; solve: number; residual: number; total: number; perCpuSecond: number };
  peakRssMiB: number;
  referenceS?: number;
  maxRelDiff?: number;
}

/** Activities of an Ensemble(n, dims, LIF) with Nengo's default distributions, m × n row-major. */
function activities(n: number, m: number, dims: number, rng: Rng): { A: Float64Array; points: Float64Array } {
  const lif = new LIF();
  const maxRates = new Uniform(200, 400).sample(n, undefined, rng);
  const intercepts = new Uniform(-1, 0.9).sample(n, undefined, rng);
  const { gain, bias } = lif.gainBias(maxRates, intercepts);
  const enc = new ScatteredHypersphere({ surface: true }).sample(n, dims, rng);
  const points = new ScatteredHypersphere({ surface: false }).sample(m, dims, rng);
  const A = new Float64Array(m * n);
  const rowJ = new Float64Array(n);
  const rowR = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (let c = 0; c < dims; c++) x += (points[k * dims + c] ?? 0) * (enc[i * dims + c] ?? 0);
      rowJ[i] = (gain[i] ?? 0) * x + (bias[i] ?? 0);
    }
    lif.rateFromCurrent(rowJ, rowR);
    A.set(rowR, k * n);
  }
  return { A, points };
}

function runOne(n: number, m: number, d: number, targets: number): Row {
  const t0 = performance.now();
  const { A, points } = activities(n, m, d, new Rng(0));
  const Ys = Array.from({ length: targets }, () => points);
  const ds = Ys.map(() => d);
  const setupS = (performance.now() - t0) / 1000;

  // What LstsqL2.solveMany does: sigma = reg · max(A), then the Cholesky solve of all targets.
  const t1 = performance.now();
  let max = -Infinity;
  for (const a of A) if (a > max) max = a;
  const sigma = 0.1 * max;
  const sigmaS = (performance.now() - t1) / 1000;
  const stats: WasmCholeskyStats = {};
  const cpu0 = process.cpuUsage();
  const result = choleskyL2("LstsqL2", A, m, n, Ys, ds, sigma, false, "auto", stats);
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const D = d * targets;
  const nA = stats.activeNeurons ?? n;
  const flops = {
    gram: m * nA * nA + 2 * m * nA * D,
    factor: (nA * nA * nA) / 3,
    solve: 2 * nA * nA * D,
    residual: 2 * m * nA * D,
  };
  const g = (f: number, s: number | undefined): number => (s === undefined || s === 0 ? 0 : f / s / 1e9);
  const totalFlops = flops.gram + flops.factor + flops.solve + flops.residual;
  const row: Row = {
    n,
    active: nA,
    m,
    D,
    threads: stats.threads ?? 1,
    setupS,
    sigmaS,
    gramS: stats.gramS ?? 0,
    factorS: stats.factorS ?? 0,
    solveS: stats.solveS ?? 0,
    residualS: stats.residualS ?? 0,
    totalS: (stats.totalS ?? 0) + sigmaS,
    cpuS,
    gflops: {
      gram: g(flops.gram, stats.gramS),
      factor: g(flops.factor, stats.factorS),
      solve: g(flops.solve, stats.solveS),
      residual: g(flops.residual, stats.residualS),
      total: g(totalFlops, stats.totalS),
      perCpuSecond: g(totalFlops, cpuS),
    },
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  if (values.reference) {
    const t2 = performance.now();
    const ref = choleskyL2("LstsqL2", A, m, n, Ys, ds, sigma, false, "js");
    row.referenceS = (performance.now() - t2) / 1000;
    let num = 0;
    let den = 0;
    ref.decoders.forEach((X, t) => {
      const Z = result.decoders[t];
      X.forEach((x, i) => {
        num = Math.max(num, Math.abs((Z?.[i] ?? Number.NaN) - x));
        den = Math.max(den, Math.abs(x));
      });
    });
    row.maxRelDiff = num / den;
  }
  return row;
}

const m = Number(values.m);
const d = Number(values.d);
const targets = Number(values.targets);
const sizes = values.n.split(",").map(Number);

if (values.child) {
  const [n = 0] = sizes;
  process.stdout.write(`${JSON.stringify(runOne(n, m, d, targets))}\n`);
} else {
  const loadBefore = loadavg();
  const script = fileURLToPath(import.meta.url);
  const rows: Row[] = [];
  for (const n of sizes) {
    process.stderr.write(`n = ${n}, m = ${m}: building activities and solving...\n`);
    const args = [
      "--import",
      "tsx",
      "--conditions=@plexus/source",
      script,
      "--child",
      "--n",
      String(n),
      "--m",
      String(m),
      "--d",
      String(d),
      "--targets",
      String(targets),
    ];
    if (values.reference) args.push("--reference");
    const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    const line = r.stdout.trim().split("\n").pop() ?? "";
    if (r.status !== 0 || !line.startsWith("{")) {
      process.stderr.write(`n = ${n} failed:\n${r.stderr}\n`);
      continue;
    }
    rows.push(JSON.parse(line) as Row);
  }
  const f1 = (x: number): string => x.toFixed(1);
  const f2 = (x: number): string => x.toFixed(2);
  console.log(`LstsqL2.solveMany: ${targets} targets × ${d} columns (D = ${d * targets}), m = ${m} eval points; seconds (GFLOP/s)`);
  console.log(
    `load average before: ${loadBefore.map((x) => x.toFixed(1)).join(", ")} (the machine may be shared; CPU s and GFLOP per CPU s are less sensitive to that)`,
  );
  console.log(
    "| n (active) | threads | Gram + AᵀY | Cholesky | solves | RMS errors | total | CPU s (GFLOP/CPU s) | peak RSS MiB |" +
      (values.reference ? " plain JS s | max rel diff |" : ""),
  );
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${values.reference ? " ---: | ---: |" : ""}`);
  for (const r of rows) {
    const cell = (s: number, gf: number): string => `${f2(s)} (${f1(gf)})`;
    console.log(
      `| ${r.n} (${r.active}) | ${r.threads} | ${cell(r.gramS, r.gflops.gram)} | ${cell(r.factorS, r.gflops.factor)} | ${cell(r.solveS, r.gflops.solve)} | ${cell(r.residualS, r.gflops.residual)} | ${cell(r.totalS, r.gflops.total)} | ${cell(r.cpuS, r.gflops.perCpuSecond)} | ${r.peakRssMiB.toFixed(0)} |` +
        (r.referenceS !== undefined ? ` ${f2(r.referenceS)} | ${(r.maxRelDiff ?? 0).toExponential(1)} |` : ""),
    );
  }
}
