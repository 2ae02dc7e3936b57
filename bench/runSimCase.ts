// Child-process entry: builds one case, warms up 100 steps, times run_steps(N) with N sized to
// about 2 s, median of 3, and prints one JSON line (peak RSS of this process included).
import { build, Simulator } from "@plexus/simulator";
import { simCases } from "./simulatorCases.js";

const id = process.argv[2];
const dtype = (process.argv[3] ?? "float64") as "float64" | "float32";
const kase = simCases.find((c) => c.id === id);
if (!kase) {
  console.error(`unknown case '${id}'`);
  process.exit(2);
}
const net = kase.make();
const t0 = performance.now();
const plan = build(net, { dt: 0.001 });
const buildS = (performance.now() - t0) / 1000;
const sim = new Simulator(plan, { progress: false, ...(dtype === "float32" ? { dtype } : {}) });
sim.runSteps(100);
let n = 100;
for (;;) {
  const s = performance.now();
  sim.runSteps(n);
  const el = (performance.now() - s) / 1000;
  if (el > 0.5) {
    n = Math.max(100, Math.round((n / el) * 2));
    break;
  }
  n *= 4;
}
const rates: number[] = [];
const cpuRates: number[] = [];
for (let r = 0; r < 3; r++) {
  sim.reset();
  sim.runSteps(100);
  const c = process.cpuUsage();
  const s = performance.now();
  sim.runSteps(n);
  rates.push(n / ((performance.now() - s) / 1000));
  const used = process.cpuUsage(c);
  cpuRates.push(n / ((used.user + used.system) / 1e6));
}
rates.sort((a, b) => a - b);
cpuRates.sort((a, b) => a - b);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
// wall clock is the figure (as baselines.md's); steps per CPU-second (all threads) shows what a busy machine hides
console.log(JSON.stringify({ id, buildS, stepsPerS: rates[1], cpuStepsPerS: cpuRates[1], steps: n, peakRssMiB }));
