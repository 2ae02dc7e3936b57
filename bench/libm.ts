// `npx tsx --conditions=@plexus/source bench/libm.ts [rounds]`: ns per call of Plexus's libm
// (log1p, expm1, log, exp) against the engine's Math.* on the inputs the simulator gives them
// (LIF spike times: log1p of -(v - 1) / (J - 1); LIF neurons leaving their refractory period:
// expm1 of -dtEff / tauRc; and wider ranges), alternating ours and Math.* in each round, the
// median over rounds, in CPU time (the machine may be shared). Each function runs in a loop whose
// one call site V8 inlines, as the simulator's kernels call them (see the LIF kernel's events.ts).
import { libm } from "@plexus/core/runtime";

const { expm1, log, log1p, exp: plexusExp } = libm;

const rounds = Number(process.argv[2] ?? 15);
const N = 1 << 14;

/** Deterministic inputs (an LCG; no Math.random, so every run measures the same values). */
function inputs(lo: number, hi: number, map: (u: number) => number = (u) => u): Float64Array {
  const out = new Float64Array(N);
  let s = 12345;
  for (let i = 0; i < N; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = map(lo + (hi - lo) * (s / 2 ** 32));
  }
  return out;
}

// LIF: the spike time dt + tauRc · log1p(x) lies in (0, dt], so x = -(v - 1) / (J - 1) lies in
// (expm1(-dt / tauRc), 0) = (-0.0488, 0) for dt = 1 ms, tauRc = 20 ms
const spikeArgs = inputs(-0.0487, 0);
const cases: readonly { name: string; ours: (x: number) => number; engine: (x: number) => number; xs: Float64Array }[] = [
  { name: "log1p LIF spike time", ours: log1p, engine: Math.log1p, xs: spikeArgs },
  { name: "log1p LIFRate 1/(J-1), J<20", ours: log1p, engine: Math.log1p, xs: inputs(1.05, 20, (j) => 1 / (j - 1)) },
  { name: "log1p [-0.9, 10]", ours: log1p, engine: Math.log1p, xs: inputs(-0.9, 10) },
  { name: "expm1 LIF leaving (-0.05, 0)", ours: expm1, engine: Math.expm1, xs: inputs(-0.05, 0) },
  { name: "expm1 [-5, 5]", ours: expm1, engine: Math.expm1, xs: inputs(-5, 5) },
  { name: "log (0, 100]", ours: log, engine: Math.log, xs: inputs(1e-3, 100) },
  { name: "exp [-10, 10]", ours: plexusExp, engine: Math.exp, xs: inputs(-10, 10) },
];

let loops = 0;
/**
 * A loop over xs calling f at one site. Each source is different (a numbered comment): V8's
 * compilation cache gives `new Function`s of the same source one feedback cell, and their call
 * sites would all see every function measured.
 */
function makeLoop(f: (x: number) => number): (xs: Float64Array) => number {
  const src = `// loop ${loops++}\nreturn function loop(xs) { let s = 0; for (let i = 0; i < xs.length; i++) s += f(xs[i]); return s; };`;
  return new Function("f", src)(f);
}
function time(loop: (xs: Float64Array) => number, xs: Float64Array): number {
  const reps = 64;
  const t0 = process.cpuUsage();
  let s = 0;
  for (let r = 0; r < reps; r++) s += loop(xs);
  const used = process.cpuUsage(t0);
  const ns = ((used.user + used.system) * 1000) / (reps * xs.length);
  if (Number.isNaN(s)) return ns; // keeps s alive
  return ns;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
console.log(
  `libm ns/call, median of ${rounds} alternating rounds (load average ${(await import("node:os"))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")})`,
);
for (const c of cases) {
  const ours = makeLoop(c.ours);
  const engine = makeLoop(c.engine);
  // bits: the comparison is only meaningful for equal results
  for (const x of c.xs) if (!Object.is(c.ours(x), c.engine(x))) throw new Error(`${c.name}: ${x} differs`);
  const o: number[] = [];
  const e: number[] = [];
  for (let r = 0; r < rounds + 3; r++) {
    const first = r % 2 === 0;
    const a = time(first ? ours : engine, c.xs);
    const b = time(first ? engine : ours, c.xs);
    if (r < 3) continue; // warm-up
    o.push(first ? a : b);
    e.push(first ? b : a);
  }
  const mo = median(o);
  const me = median(e);
  console.log(`${c.name.padEnd(30)} ours ${mo.toFixed(2).padStart(6)} ns  Math ${me.toFixed(2).padStart(6)} ns  ratio ${(mo / me).toFixed(2)}`);
}
