// A worker thread of the placement bench's parallel-ceiling row (see `parallelCeiling` in
// coupling.ts): builds one heavy subsystem's network on a simulator of its own (as a worker host
// builds a unit: default simulator options, its output probed, warmed up), says "ready", then on `{ steps }` steps it that many
// steps with its input written before each step (as a unit's engine is driven, here with zeros:
// nothing couples it to anything) and answers the milliseconds it took.
import { parentPort, workerData } from "node:worker_threads";
import { build, Simulator } from "@plexus/simulator";
import { heavy } from "./coupling.js";

const port = parentPort;
if (port === null) throw new Error("ceilingWorker.ts: start it as a worker thread");
const { label, seed, simSeed, dt } = workerData as { label: string; seed: number; simSeed: number; dt: number };
const net = heavy(label, seed);
net.probe(net.out.y, { synapse: null });
const sim = new Simulator(build(net, { dt, seed: simSeed }), { progress: false, seed: simSeed });
const fb = net.inPorts.find((p) => p.name === "fb");
if (fb === undefined) throw new Error(`ceilingWorker.ts: the network '${label}' has no input fb`);
const zeros = new Float64Array(fb.dimensions);
// warmed up as a worker host warms its engines at load (hostSession.ts, warmedUp): up to 6000 steps
// or 800 ms, back to step 0 every 500 steps and at the end
const warmStart = performance.now();
for (let s = 1; s <= 6000 && performance.now() - warmStart < 800; s++) {
  sim.writeInput(fb, zeros);
  sim.step();
  if (s % 500 === 0) sim.reset();
}
sim.reset();
port.on("message", ({ steps }: { steps: number }) => {
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    sim.writeInput(fb, zeros);
    sim.step();
  }
  port.postMessage({ ms: performance.now() - t0 });
});
port.postMessage("ready");
