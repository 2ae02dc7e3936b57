// The placements every topology of the coupled == composed suite runs under (in-process, worker
// threads with shared-memory rings and with messages, NATS worker processes through a real nats-server on a loopback port; a transport added
// here runs the whole suite).
import type { RunOptions } from "../../src/CoupledSystem.js";
import type { Placement } from "../../src/remote/placement.js";
import { workerThreadHosts } from "../../src/remote/workerThreads.js";
import { type NatsHostConnector, natsHosts } from "../../src/transports/nats/index.js";

/** Subsystems a topology can run off "main" (they have no code): each on a worker of its own, or all on one shared worker. */
export type TopologyPlacement = Readonly<Record<string, "own" | "shared">>;

/** One way to place a topology's subsystems. */
export interface PlacementCase {
  readonly name: string;
  /** Run options placing a topology's subsystems that can go off "main". */
  options(offMain: TopologyPlacement): RunOptions | Promise<RunOptions>;
}

let nats: Promise<NatsHostConnector> | undefined;

/** The NATS workers of a test file: nats-server and worker processes started on first use, shared by its tests ({@link closePlacements} stops them). */
function sharedNatsHosts(): Promise<NatsHostConnector> {
  nats ??= natsHosts();
  return nats;
}

/** Stops what the placements started (call in the test file's afterAll). */
export async function closePlacements(): Promise<void> {
  const started = nats;
  nats = undefined;
  await (await started)?.close();
}

/** In-process, worker threads (windows through shared-memory rings, the default, and as transferred messages) and NATS workers (each subsystem that can go on a worker of its own or a shared one, the rest on main). */
export function placements(): PlacementCase[] {
  return [
    { name: "in-process", options: () => ({}) },
    { name: "worker threads", options: (offMain) => ({ placement: workerPlacement(offMain, "worker"), maxWindowSteps: 16 }) },
    {
      name: "worker threads, windows as messages",
      options: (offMain) => ({ placement: workerPlacement(offMain, "worker"), maxWindowSteps: 16, hosts: workerThreadHosts({ windows: "messages" }) }),
    },
    {
      name: "NATS workers",
      options: async (offMain) => ({ placement: workerPlacement(offMain, "worker"), maxWindowSteps: 16, hosts: await sharedNatsHosts() }),
    },
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
