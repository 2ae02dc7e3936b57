import { Network } from "@plexus/core";
import { asapScheduler, from } from "rxjs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem, InputSource } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { simulatorEngine } from "../src/internal/runtime/simulatorEngine.js";
import { subsystem } from "../src/Subsystem.js";
import { Window } from "../src/Window.js";
import { expectSameBits, runComposed, runWith, schedules } from "./support/compare.js";
import { feedthrough, learner, neural, noisy, twoInputs } from "./support/nets.js";
import { closePlacements, placements, sampled, type TopologyPlacement } from "./support/placements.js";

// Counts the simulators the system builds (each unit's engine), calling the real factory.
vi.mock("../src/internal/runtime/simulatorEngine.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/internal/runtime/simulatorEngine.js")>();
  return { ...real, simulatorEngine: vi.fn(real.simulatorEngine) };
});

const STEPS = 120;
const sine = (t: number): number => Math.sin(2 * Math.PI * 3 * t);

/** How a topology's inputs are given: functions of t, or (to place their subsystems on workers) the same sampled into arrays. */
type Src = (f: (t: number) => number | number[]) => InputSource;
const asFunction: Src = (f) => f;
const asArray: Src = (f) => sampled(f, STEPS);

/** The systems of the suite: each a topology the coupler must run exactly as the composed network. */
const topologyOf: Record<string, (src: Src) => CoupledSystem> = {
  chain: (src) => {
    const a = subsystem(neural("a", { outSynapse: 0.01 }));
    const b = subsystem(neural("b", { inSynapse: null }));
    const c = subsystem(feedthrough("c"));
    const n = subsystem(noisy("n"));
    return couple({ a, b, c, n }, { seed: 5 })
      .input(a.in.u, src(sine))
      .wire(a.out.y, b.in.u)
      .wire(b.out.y, c.in.u, { delaySteps: 2, transform: -1.5 })
      .wire(c.out.y, n.in.u)
      .probe(a.out.y)
      .probe(b.out.y, { synapse: 0.005 })
      .probe(c.out.y)
      .probe(c.in.u, { label: "c input" })
      .probe(n.out.y);
  },
  "mutual loop": (src) => {
    const a = subsystem(twoInputs("a"));
    const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
    return couple({ a, b }, { seed: 11 })
      .input(a.in.ref, src(sine))
      .input(
        b.in.ref,
        src((t) => Math.cos(2 * Math.PI * 2 * t)),
      )
      .wire(a.out.y, b.in.fb, { delaySteps: 1 })
      .wire(b.out.y, a.in.fb, { delaySteps: 3 })
      .probe(a.out.y)
      .probe(b.out.y, { synapse: 0.01 });
  },
  "three-way loop": (src) => {
    const a = subsystem(twoInputs("a"));
    const b = subsystem(feedthrough("b"));
    const c = subsystem(neural("c", { inSynapse: null, outSynapse: null }));
    return couple({ a, b, c })
      .input(a.in.ref, src(sine))
      .wire(a.out.y, b.in.u)
      .wire(b.out.y, c.in.u)
      .wire(c.out.y, a.in.fb, { delaySteps: 2 })
      .probe(a.out.y)
      .probe(b.out.y)
      .probe(c.out.y);
  },
  "loop closed only through synapses inside": (src) => {
    const a = subsystem(twoInputs("a")); // fb -> y through a synapse
    const b = subsystem(neural("b", { inSynapse: 0.005 }));
    return couple({ a, b }).input(a.in.ref, src(sine)).wire(a.out.y, b.in.u).wire(b.out.y, a.in.fb).probe(a.out.y).probe(b.out.y, { synapse: 0.005 });
  },
  "three-way loop closed only inside (fused), with a slower outside reader": (src) => {
    const a = subsystem(twoInputs("a"));
    const b = subsystem(neural("b", { inSynapse: null, outSynapse: 0.002 }));
    const c = subsystem(feedthrough("c"));
    const d = subsystem(neural("d"));
    return couple({ a, b, c, d })
      .input(a.in.ref, src(sine))
      .wire(a.out.y, b.in.u)
      .wire(b.out.y, c.in.u)
      .wire(c.out.y, a.in.fb)
      .wire(c.out.y, d.in.u, { delaySteps: 1 })
      .probe(c.out.y)
      .probe(d.out.y);
  },
  "self-loop with a delay": (src) => {
    const c = subsystem(feedthrough("c", 1, (x) => [Math.tanh(1.5 * defined(x[0]))]));
    return couple({ c }).input(c.in.u, src(sine), { sum: true }).wire(c.out.y, c.in.u, { delaySteps: 2, transform: -0.8, sum: true }).probe(c.out.y);
  },
  "matrix transform": (src) => {
    const a = subsystem(neural("a", { dims: 2, nNeurons: 60 }));
    const b = subsystem(feedthrough("b", 3, (x) => [defined(x[0]) - defined(x[1]), defined(x[1]) * defined(x[2]), defined(x[2])]));
    return couple({ a, b })
      .input(
        a.in.u,
        src((t) => [sine(t), Math.cos(5 * t)]),
      )
      .wire(a.out.y, b.in.u, {
        transform: [
          [1, -0.5],
          [0.25, 2],
          [-3, 0],
        ],
        delaySteps: 1,
      })
      .probe(a.out.y)
      .probe(b.out.y);
  },
  "summed sources and a long delay": (src) => {
    const a = subsystem(neural("a"));
    const b = subsystem(feedthrough("b"));
    const c = subsystem(neural("c", { inSynapse: 0.002 }));
    return couple({ a, b, c })
      .input(a.in.u, src(sine))
      .input(
        b.in.u,
        src((t) => 0.3 * Math.cos(7 * t)),
        { sum: true },
      )
      .wire(a.out.y, b.in.u, { sum: true, delaySteps: 7, transform: 0.7 })
      .wire(c.out.y, b.in.u, { sum: true, transform: -1 / 3 })
      .wire(b.out.y, c.in.u)
      .probe(b.in.u, { label: "sum" })
      .probe(c.out.y);
  },
  "PES learner (weights changed online)": (src) => {
    const a = subsystem(neural("a"));
    const p = subsystem(learner("p"));
    return couple({ a, p }, { seed: 3 })
      .input(a.in.u, src(sine))
      .input(
        p.in.target,
        src((t) => 0.5 * Math.cos(2 * Math.PI * 2 * t)),
      )
      .wire(a.out.y, p.in.u, { delaySteps: 1 })
      .probe(a.out.y)
      .probe(p.out.y);
  },
};

const topologies: Record<string, () => CoupledSystem> = Object.fromEntries(Object.entries(topologyOf).map(([k, make]) => [k, () => make(asFunction)]));

describe("coupled == composed, bit for bit", () => {
  for (const [name, make] of Object.entries(topologies)) {
    it(`${name}: every schedule and transport gives the composed network's float64 outputs`, async () => {
      const composed = runComposed(make(), STEPS);
      for (const schedule of schedules()) {
        const result = await runWith(make(), STEPS, schedule);
        expectSameBits(result, composed, `${name} [${schedule.name}]`);
        for (const e of result.stats.edges) {
          expect([e.sentWindows, e.sentSteps], `${e.edge}: received as sent`).toEqual([e.receivedWindows, e.receivedSteps]);
        }
      }
    });
  }

  it("runs a zero-delay loop closed inside the subsystems as one fused unit", async () => {
    const result = await defined(topologies["loop closed only through synapses inside"])().run({ steps: 10 });
    expect(result.stats.units.map((u) => u.unit)).toEqual(["a+b"]);
    expect(result.stats.edges).toEqual([]);
    const three = await defined(topologies["three-way loop closed only inside (fused), with a slower outside reader"])().run({ steps: 10 });
    expect(three.stats.units.map((u) => u.unit)).toEqual(["a+b+c", "d"]);
    expect(three.stats.edges.map((e) => e.edge)).toEqual(["c.out.y -> d.in.u"]);
  });

  it("reruns are deterministic (on simulators kept and reset between runs), and compose() can be called again", async () => {
    const system = defined(topologies["mutual loop"])();
    const builds = vi.mocked(simulatorEngine);
    builds.mockClear();
    const first = await system.run({ steps: STEPS });
    const again = await system.run({ steps: STEPS + 7 });
    expect(builds).toHaveBeenCalledTimes(2); // one simulator per subsystem, built once
    for (const p of first.probes) expect(again.data(p).subarray(0, first.data(p).length)).toEqual(first.data(p));
    expectSameBits(again, runComposed(system, STEPS + 7));
    expectSameBits(first, runComposed(system, STEPS));
    // two runs at once each get their own simulators; a change of wiring builds anew
    const [x, y] = await Promise.all([system.run({ steps: 30, scheduler: asapScheduler }), system.run({ steps: 30, scheduler: asapScheduler })]);
    expect(x.data("a.out.y")).toEqual(y.data("a.out.y"));
    expect(builds).toHaveBeenCalledTimes(4);
    system.probe(defined(defined(system.subsystems["a"]).in.fb), { label: "fb" });
    await system.run({ steps: 10 });
    expect(builds).toHaveBeenCalledTimes(6);
  });

  it("drives a port from an observable as the composed network's top-level input port", async () => {
    const values = Float64Array.from({ length: STEPS }, (_, k) => sine((k + 1) * 0.001));
    const make = (): CoupledSystem => {
      const a = subsystem(neural("a"));
      const b = subsystem(feedthrough("b"));
      // windows of 7 steps, then single values
      const chunks: (Window | number)[] = [];
      for (let k = 0; k < 70; k += 7) chunks.push(new Window(k + 1, 7, 1, values.slice(k, k + 7)));
      for (let k = 70; k < STEPS; k++) chunks.push(defined(values[k]));
      return couple({ a, b }).input(a.in.u, from(chunks)).wire(a.out.y, b.in.u).probe(b.out.y);
    };
    const composed = runComposed(make(), STEPS, { "a.in.u": values });
    for (const schedule of schedules()) expectSameBits(await runWith(make(), STEPS, schedule), composed, schedule.name);
  });

  it("keeps a subsystem's trained overrides, renamed below its key in the composed network", async () => {
    const net = new Network({ label: "p", inputs: { u: 1 }, outputs: { y: 1 } });
    const e = net.ensemble({ nNeurons: 5, dimensions: 1, label: "E" });
    net.connect(net.in.u, e, { synapse: 0.005 });
    net.connect(e, net.out.y, { synapse: null });
    const overrides = new Map([
      ["E.bias", Float64Array.from([0.5, 1, 1.5, 2, 2.5])],
      ["Connection[1].weights", Float64Array.from([0.1, -0.2, 0.3, -0.4, 0.5])],
    ]);
    const p = subsystem(net, { overrides });
    const q = subsystem(feedthrough("q"));
    const system = couple({ p, q }).input(p.in.u, sine).wire(p.out.y, q.in.u).probe(q.out.y);
    expect([...system.compose().overrides.keys()]).toEqual(["p/E.bias", "p/Connection[1].weights"]);
    const result = await system.run({ steps: STEPS });
    expectSameBits(result, runComposed(system, STEPS));
    const p2 = subsystem(net);
    const plain = await couple({ p: p2, q }).input(p2.in.u, sine).wire(p2.out.y, q.in.u).probe(q.out.y).run({ steps: STEPS });
    expect(plain.data("q.out.y")).not.toEqual(result.data("q.out.y"));
  });
});

/**
 * Where each topology's subsystems go off "main": those without code (ensembles, array inputs); a
 * subsystem with a JS function (feedthrough, the jitter process) stays on "main", so edges cross
 * between the coordinator's thread and the workers too. A fused unit's members go together.
 */
const offMain: Record<string, TopologyPlacement> = {
  chain: { a: "own", b: "shared" },
  "mutual loop": { a: "own", b: "own" },
  "three-way loop": { a: "own", c: "own" },
  "loop closed only through synapses inside": { a: "shared", b: "shared" },
  "three-way loop closed only inside (fused), with a slower outside reader": { d: "own" },
  "self-loop with a delay": {},
  "matrix transform": { a: "own" },
  "summed sources and a long delay": { a: "own" },
  "PES learner (weights changed online)": { a: "shared", p: "own" },
};

describe("coupled == composed, bit for bit, whatever the placement", () => {
  afterAll(closePlacements);
  for (const [name, make] of Object.entries(topologyOf)) {
    for (const placement of placements()) {
      it(`${name} [${placement.name}]`, async () => {
        const composed = runComposed(make(asArray), STEPS);
        const result = await make(asArray).run({ steps: STEPS, ...(await placement.options(defined(offMain[name]))) });
        expectSameBits(result, composed, `${name} [${placement.name}]`);
        for (const e of result.stats.edges) {
          expect([e.sentWindows, e.sentSteps], `${e.edge}: received as sent`).toEqual([e.receivedWindows, e.receivedSteps]);
        }
      });
    }
  }
});
