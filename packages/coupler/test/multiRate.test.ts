import { Network } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { RatePolicy } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { subsystem } from "../src/Subsystem.js";
import { runWith, schedules } from "./support/compare.js";
import { identity } from "./support/identity.js";
import { killingWorkers } from "./support/killingWorkers.js";
import { bits } from "./support/nets.js";

// The base grid: the signal of a subsystem stepping every m base steps holds its step j's value
// from base step j·m until the next one (zeros before its first step); a receiver stepping every
// m' base steps takes, for its step k, the value at base step k·m' ("hold") or the mean over base
// steps (k-1)·m'+1 .. k·m' ("average"), after the wire's delay. Each reference below is that
// definition written out as plain loops.

const N = 48;
const f = (n: number): number => 1 + Math.sin(0.37 * n) / (n + 2); // base step n -> a value (never 0)
const input = Float64Array.from({ length: N }, (_, i) => f(i + 1));

/** What the receiver sees at its steps 1..floor(N/mTo), from a source held at multiple mFrom. */
function reference(mFrom: number, mTo: number, delay: number, rate: RatePolicy): number[] {
  const source = (j: number): number => f(j * mFrom); // the source samples its input at its own steps
  const Y = (n: number): number => (Math.floor(n / mFrom) >= 1 ? source(Math.floor(n / mFrom)) : 0);
  const Z = (n: number): number => (n - delay >= 1 ? Y(n - delay) : 0);
  const out: number[] = [];
  for (let k = 1; k <= Math.floor(N / mTo); k++) {
    if (rate === "hold") out.push(Z(k * mTo));
    else {
      let s = Z((k - 1) * mTo + 1);
      for (let n = (k - 1) * mTo + 2; n <= k * mTo; n++) s += Z(n);
      out.push(s / mTo);
    }
  }
  return out;
}

describe("multi-rate", () => {
  const cases: [mFrom: number, mTo: number, delay: number, rate: RatePolicy][] = [
    [1, 4, 0, "hold"],
    [1, 4, 0, "average"],
    [1, 4, 3, "average"],
    [3, 1, 0, "hold"],
    [3, 1, 2, "average"],
    [2, 3, 1, "average"],
    [2, 3, 5, "hold"],
    [4, 4, 2, "hold"],
  ];
  for (const [mFrom, mTo, delay, rate] of cases) {
    it(`${rate}: dt ${mFrom} -> dt ${mTo} base steps, delay ${delay}, as written out by hand`, async () => {
      const a = subsystem(identity("a"), { dtMultiple: mFrom });
      const b = subsystem(identity("b"), { dtMultiple: mTo });
      const system = couple({ a, b }).input(a.in.u, input).wire(a.out.y, b.in.u, { delaySteps: delay, rate }).probe(b.out.y).probe(a.out.y);
      const want = Float64Array.from(reference(mFrom, mTo, delay, rate));
      for (const schedule of schedules()) {
        const r = await runWith(system, N, schedule);
        expect(bits(r.data(b.out.y)), schedule.name).toEqual(bits(want));
        expect(r.data(a.out.y)).toEqual(Float64Array.from({ length: Math.floor(N / mFrom) }, (_, j) => f((j + 1) * mFrom)));
        expect(r.trange(b.out.y)[0]).toBeCloseTo(0.001 * mTo, 15);
      }
    });
  }

  it("every case at once, senders and receivers on two worker threads, snapshots at step 24, the receivers' worker terminated after step 30: as written out by hand", async () => {
    const subsystems: Record<string, ReturnType<typeof subsystem>> = {};
    cases.forEach(([mFrom, mTo], i) => {
      subsystems[`a${i}`] = subsystem(identity(`a${i}`), { dtMultiple: mFrom });
      subsystems[`b${i}`] = subsystem(identity(`b${i}`), { dtMultiple: mTo });
    });
    let system = couple(subsystems);
    const placement: Record<string, "worker:senders" | "worker:receivers"> = {};
    cases.forEach(([, , delay, rate], i) => {
      const a = defined(subsystems[`a${i}`]);
      const b = defined(subsystems[`b${i}`]);
      system = system.input(defined(a.in["u"]), input).wire(defined(a.out["y"]), defined(b.in["u"]), { delaySteps: delay, rate }).probe(defined(b.out["y"]));
      placement[`a${i}`] = "worker:senders";
      placement[`b${i}`] = "worker:receivers";
    });
    const hosts = killingWorkers("worker:receivers", 30);
    const r = await system.run({ steps: N, placement, snapshotEvery: 24, maxWindowSteps: 5, hosts });
    expect(hosts.kills.length).toBe(1);
    expect(r.stats.restarts).toBe(1);
    cases.forEach(([mFrom, mTo, delay, rate], i) => {
      expect(bits(r.data(`b${i}.out.y`)), `case ${i}`).toEqual(bits(Float64Array.from(reference(mFrom, mTo, delay, rate))));
    });
  });

  it("every case at once on two worker threads with small buffers (credits told late, never too late): as written out by hand, each sender within its bound", async () => {
    const pairs = cases.map(([mFrom, mTo, delay, rate], i) => ({
      a: subsystem(identity(`a${i}`), { dtMultiple: mFrom }),
      b: subsystem(identity(`b${i}`), { dtMultiple: mTo }),
      delay,
      rate,
    }));
    const placement: Record<string, "worker:senders" | "worker:receivers"> = {};
    cases.forEach((_, i) => {
      placement[`a${i}`] = "worker:senders";
      placement[`b${i}`] = "worker:receivers";
    });
    let system = couple(Object.fromEntries(pairs.flatMap((p, i) => [[`a${i}`, p.a] as const, [`b${i}`, p.b] as const])));
    for (const p of pairs) system = system.input(p.a.in.u, input).wire(p.a.out.y, p.b.in.u, { delaySteps: p.delay, rate: p.rate }).probe(p.b.out.y);
    // bufferSteps 1: a credit after every window; 12: after 2 to 5 base steps (half the slack, less a sender's step)
    for (const bufferSteps of [1, 12]) {
      const r = await system.run({ steps: N, placement, snapshotEvery: 24, maxWindowSteps: 3, bufferSteps });
      cases.forEach(([mFrom, mTo, delay, rate], i) => {
        expect(bits(r.data(`b${i}.out.y`)), `case ${i}, bufferSteps ${bufferSteps}`).toEqual(bits(Float64Array.from(reference(mFrom, mTo, delay, rate))));
      });
      for (const e of r.stats.edges) {
        expect(e.maxAheadSteps, e.edge).toBeLessThanOrEqual(e.capacitySteps);
        expect([e.receivedWindows, e.receivedSteps], e.edge).toEqual([e.sentWindows, e.sentSteps]);
      }
    }
  });

  it("runs a loop across rates (average one way, hold the other) as written out by hand", async () => {
    // a (every base step): y = ref + 0.5·fb; b (every 2): z = -0.25·u
    const aNet = new Network({ label: "a", inputs: { ref: 1, fb: 1 }, outputs: { y: 1 } });
    const sum = aNet.node({ output: (_t: number, x: Float64Array) => defined(x[0]) + 0.5 * defined(x[1]), sizeIn: 2, sizeOut: 1 });
    aNet.connect(aNet.in.ref, sum, { synapse: null, postSlice: [0] });
    aNet.connect(aNet.in.fb, sum, { synapse: null, postSlice: [1] });
    aNet.connect(sum, aNet.out.y, { synapse: null });
    const bNet = new Network({ label: "b", inputs: { u: 1 }, outputs: { z: 1 } });
    const scale = bNet.node({ output: (_t: number, x: Float64Array) => -0.25 * defined(x[0]), sizeIn: 1, sizeOut: 1 });
    bNet.connect(bNet.in.u, scale, { synapse: null });
    bNet.connect(scale, bNet.out.z, { synapse: null });
    const a = subsystem(aNet);
    const b = subsystem(bNet, { dtMultiple: 2 });
    const system = couple({ a, b })
      .input(a.in.ref, input)
      .wire(a.out.y, b.in.u, { rate: "average" })
      .wire(b.out.z, a.in.fb, { delaySteps: 1, rate: "hold" })
      .probe(a.out.y)
      .probe(b.out.z);
    const yA: number[] = [];
    const zB: number[] = [];
    for (let n = 1; n <= N; n++) {
      const held = Math.floor((n - 1) / 2); // b's latest step at base step n - 1
      const fb = held >= 1 ? defined(zB[held - 1]) : 0;
      yA.push(f(n) + 0.5 * fb);
      if (n % 2 === 0) zB.push(-0.25 * ((defined(yA[n - 2]) + defined(yA[n - 1])) / 2));
    }
    for (const schedule of schedules()) {
      const r = await runWith(system, N, schedule);
      expect(bits(r.data(a.out.y)), schedule.name).toEqual(bits(Float64Array.from(yA)));
      expect(bits(r.data(b.out.z)), schedule.name).toEqual(bits(Float64Array.from(zB)));
    }
    expect(() => system.compose()).toThrow("compose: subsystems step at different dtMultiple (a: 1, b: 2); one network has one dt");
  });

  it("composes subsystems that share one dtMultiple at that dt (delays rounded up to whole steps)", async () => {
    const a = subsystem(identity("a"), { dtMultiple: 3 });
    const b = subsystem(identity("b"), { dtMultiple: 3 });
    const system = couple({ a, b }).input(a.in.u, input).wire(a.out.y, b.in.u, { delaySteps: 4 }).probe(b.out.y);
    const comp = system.compose();
    expect(comp.dt).toBeCloseTo(0.003, 15);
    const r = await system.run({ steps: N });
    expect(Array.from(r.data(b.out.y))).toEqual(reference(3, 3, 4, "hold"));
    const avg = couple({ a, b }).input(a.in.u, input).wire(a.out.y, b.in.u, { rate: "average", delaySteps: 3 });
    expect(() => avg.compose()).toThrow(/averages over 3 base steps/);
  });
});
