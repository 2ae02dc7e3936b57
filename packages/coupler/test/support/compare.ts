// Runs a system both ways and compares, for the coupled == composed suites.
import { Rng } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { asapScheduler, asyncScheduler, queueScheduler } from "rxjs";
import { TestScheduler } from "rxjs/testing";
import { expect } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import type { CoupledSystem, RunOptions } from "../../src/CoupledSystem.js";
import type { CouplingResult } from "../../src/CouplingResult.js";
import { InProcessTransport } from "../../src/InProcessTransport.js";
import { bits, firstDifference } from "./nets.js";

/** Runs the composed network for `steps` base steps; observable inputs get `streamed` (by port name, base steps × dims). */
export function runComposed(system: CoupledSystem, steps: number, streamed: Record<string, Float64Array> = {}): Map<string, Float64Array> {
  const comp = system.compose();
  const sim = new Simulator(build(comp.network, { dt: comp.dt, seed: comp.seed, overrides: comp.overrides }), { progress: false, seed: comp.seed });
  const m = Math.round(comp.dt / system.dt);
  for (const [name, port] of comp.inputs) {
    const data = streamed[name];
    if (data === undefined) throw new Error(`no data for the observable input ${name}`);
    const d = port.dimensions;
    const rows = Math.floor(steps / m);
    const held = new Float64Array(rows * d);
    for (let k = 1; k <= rows; k++) held.set(data.subarray((k * m - 1) * d, k * m * d), (k - 1) * d);
    sim.setInput(port, held);
  }
  sim.runSteps(Math.floor(steps / m));
  return new Map([...comp.probes].map(([name, probe]) => [name, Float64Array.from(sim.data(probe).data)]));
}

/** Asserts that every probe of `result` equals the composed run's, bit for bit. */
export function expectSameBits(result: CouplingResult, composed: Map<string, Float64Array>, what = ""): void {
  expect(result.probes.sort()).toEqual([...composed.keys()].sort());
  for (const name of result.probes) {
    const a = result.data(name);
    const b = defined(composed.get(name));
    const i = firstDifference(a, b);
    expect(i, `${what} ${name}: first difference at ${i} (${a[i]} vs ${b[i]})`).toBe(-1);
    expect(bits(a)).toEqual(bits(b));
  }
}

/** Schedules that must not change the results: schedulers, interleavings, window and buffer sizes, transports. */
export function schedules(): { name: string; options: () => RunOptions; virtual?: boolean }[] {
  return [
    { name: "queue (default)", options: () => ({}) },
    { name: "asap, 1-step windows", options: () => ({ scheduler: asapScheduler, maxWindowSteps: 1 }) },
    { name: "async, tight buffers", options: () => ({ scheduler: asyncScheduler, bufferSteps: 1, maxWindowSteps: 3 }) },
    {
      name: "virtual time, random delays",
      virtual: true,
      options: () => {
        const rng = new Rng(7);
        return { unitDelay: () => rng.integer(5), maxWindowSteps: 4 };
      },
    },
    { name: "bytes transport", options: () => ({ transport: new InProcessTransport({ serialize: "bytes" }) }) },
    {
      name: "object transport, async delivery",
      options: () => ({ transport: new InProcessTransport({ serialize: "object", scheduler: asapScheduler }), scheduler: queueScheduler }),
    },
  ];
}

/** Runs `system` with a schedule (on a TestScheduler's virtual time when `virtual`). */
export async function runWith(system: CoupledSystem, steps: number, schedule: ReturnType<typeof schedules>[number]): Promise<CouplingResult> {
  if (schedule.virtual !== true) return system.run({ steps, ...schedule.options() });
  const ts = new TestScheduler(() => undefined);
  const pending = system.run({ steps, ...schedule.options(), scheduler: ts });
  ts.flush();
  return pending;
}
