// Nengo 4.1's nengo/tests/test_processes.py, the tests that need a simulator (the others are in
// packages/core/test/nengoSuite/processes.test.ts, run on processes alone); and what Nengo's
// builder does for the step functions it calls (`SimProcess` and `SimPyFunc` pass `np.copy(x)`,
// and a process node of size 0 out still steps).
import { Network, Process } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { expectAllClose } from "../nengoParity/support.js";

const opts = { progress: false } as const;

/** Nengo's QueueProcess: keeps every input it is given. */
class QueueProcess extends Process {
  readonly kind = "QueueProcess";
  override readonly defaultSizeIn = 2;
  readonly defaultSizeOut = 0;
  readonly queue: Float64Array[] = [];
  makeStep() {
    return (_t: number, x: Float64Array): void => {
      this.queue.push(x);
    };
  }
}

describe("test_processes.py (with a simulator)", () => {
  it("test_x_copy: a process is given a copy of its input each step, which it may keep (and a node of size 0 out still steps it)", () => {
    const net = new Network();
    const u = net.node({ output: (t: number) => [t, t + 2], sizeOut: 2 });
    const process = new QueueProcess();
    const v = net.node({ output: process, sizeIn: 2 });
    net.connect(u, v, { synapse: null });
    const sim = new Simulator(net, opts);
    sim.run(0.003);
    const t = Array.from(sim.trange());
    expect(process.queue).toHaveLength(3);
    expectAllClose(
      process.queue.flatMap((x) => Array.from(x)),
      t.flatMap((s) => [s, s + 2]),
      { rtol: 1e-5, atol: 1e-8 },
    );
  });

  it("a node function is given a copy of its input each call too (Nengo's SimPyFunc)", () => {
    const net = new Network();
    const u = net.node({ output: (t: number) => [t, -t], sizeOut: 2 });
    const kept: Float64Array[] = [];
    const v = net.node({
      output: (_t: number, x: Float64Array) => {
        kept.push(x);
        x[0] = 99; // changing it changes nothing in the simulator
        return [];
      },
      sizeIn: 2,
      sizeOut: 0,
    });
    net.connect(u, v, { synapse: null });
    const p = net.probe(u, { synapse: null });
    const sim = new Simulator(net, opts);
    sim.runSteps(3);
    expect(kept.map((x) => x[1])).toEqual(Array.from(sim.trange(), (s) => -s));
    expect(Array.from(sim.data(p).data).filter((_, i) => i % 2 === 0)).toEqual(Array.from(sim.trange()));
  });
});
