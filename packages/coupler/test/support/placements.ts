// The placements every topology of the coupled == composed suite runs under (in-process, worker
// threads; a transport added here, e.g. NATS, runs the whole suite).
import type { RunOptions } from "../../src/CoupledSystem.js";
import type { Placement } from "../../src/remote/placement.js";

/** Subsystems a topology can run off "main" (they have no code): each on a worker of its own, or all on one shared worker. */
export type TopologyPlacement = Readonly<Record<string, "own" | "shared">>;

/** One way to place a topology's subsystems. */
export interface PlacementCase {
  readonly name: string;
  /** Run options placing a topology's subsystems that can go off "main". */
  options(offMain: TopologyPlacement): RunOptions;
}

/** In-process, and worker threads (each subsystem that can go on a worker of its own or a shared one, the rest on main). */
export function placements(): PlacementCase[] {
  return [
    { name: "in-process", options: () => ({}) },
    { name: "worker threads", options: (offMain) => ({ placement: workerPlacement(offMain, "worker"), maxWindowSteps: 16 }) },
  ];
}

/** `own` -> `prefix` (its own host), `shared` -> `prefix:shared`. */
export function workerPlacement(offMain: TopologyPlacement, prefix: "worker"): Record<string, Placement> {
  return Object.fromEntries(Object.entries(offMain).map(([key, how]) => [key, how === "own" ? prefix : (`${prefix}:shared` as const)]));
}

/** `f` sampled at base steps 1..steps (dt 0.001), row-major: an array input (no code, so its subsystem can go off main). */
export function sampled(f: (t: number) => number | number[], steps: number): Float64Array {
  const first = f(0.001);
  const dims = typeof first === "number" ? 1 : first.length;
  const out = new Float64Array(steps * dims);
  for (let k = 1; k <= steps; k++) {
    const v = f(k * 0.001);
    if (typeof v === "number") out[k - 1] = v;
    else out.set(v, (k - 1) * dims);
  }
  return out;
}
