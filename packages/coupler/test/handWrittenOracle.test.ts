// coupled == a monolithic network written by hand, bit for bit: an oracle that shares no code with
// the coupler's own composition (compose() / composeNetwork). Each topology of the coupled == composed
// suite is written here a second time as one plain core Network: each subsystem's network added as a
// subnetwork (seeded as the coupler documents: its own seed, else deriveSeed(system seed,
// "subsystem", key)), function inputs as nodes, each wire as synapse-free connections, and a wire's
// delay of k base steps as an explicit delay line of two nodes keeping a JS history of its values.
//
// Why the delay line is two nodes (from Nengo's step order, not from the coupler's code): the
// coupler promises that a wire of delay k gives the receiver at step n the sender's value of step
// n - k (zeros before step 1), and that a delay-0 wire is direct feedthrough (the receiver sees the
// sender's value of the same step). A synapse-free connection in Nengo is exactly that feedthrough.
// One node with a function of its input would be a synapse-free cycle in a loop (which Nengo rejects),
// so the line is split: a writer node (input, no output) records step n's value, and a reader node
// (no input) returns the value recorded at step n - k. With k >= 1 the reader only needs steps
// already written, whatever order the simulator runs the two nodes in within a step.
import { deriveSeed, type InPort, Network, type OutPort, type Probe, type SynapseLike } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { subsystem } from "../src/Subsystem.js";
import { bits, feedthrough, firstDifference, neural, noisy, twoInputs } from "./support/nets.js";

const STEPS = 120;
const DT = 0.001;
const sine = (t: number): number => Math.sin(2 * Math.PI * 3 * t);

type Transform = number | number[][];
const MATRIX = [
  [1, -0.5],
  [0.25, 2],
  [-3, 0],
];

/** One monolithic network written by hand, with the probes standing for the coupled system's (by the system's probe names). */
class HandWritten {
  readonly net = new Network({ label: "hand-written" });
  readonly probes = new Map<string, Probe>();

  constructor(readonly seed: number) {}

  /** Adds a subsystem's network (built by `make` from the seed the coupler gives an unseeded subsystem). */
  sub<N extends Network<Record<string, number>, Record<string, number>>>(key: string, make: (seed: number) => N): N {
    return this.net.add(make(deriveSeed(this.seed, "subsystem", key)));
  }

  /** A function of t driving `to` (a node of no input, synapse-free connection). */
  input(to: InPort, f: (t: number) => number | number[]): void {
    const node = this.net.node({ output: (t: number) => f(t), sizeOut: to.dimensions, label: "input" });
    this.net.connect(node, to, { synapse: null });
  }

  /** A wire: `delay` base steps through a delay line of two nodes (none for 0), then the transform. */
  wire(from: OutPort, to: InPort, delay = 0, transform: Transform = 1): void {
    const options = { synapse: null, transform } as const;
    if (delay === 0) {
      this.net.connect(from, to, options);
      return;
    }
    const d = from.dimensions;
    const history = new Map<number, Float64Array>();
    const step = (t: number): number => Math.round(t / DT);
    const writer = this.net.node({
      output: (t: number, x: Float64Array) => {
        history.set(step(t), Float64Array.from(x));
        return [];
      },
      sizeIn: d,
      sizeOut: 0,
      label: "delay writer",
    });
    const zeros = new Float64Array(d);
    const reader = this.net.node({ output: (t: number) => history.get(step(t) - delay) ?? zeros, sizeOut: d, label: "delay reader" });
    this.net.connect(from, writer, { synapse: null });
    this.net.connect(reader, to, options);
  }

  probe(name: string, target: InPort | OutPort, synapse: SynapseLike = null): void {
    this.probes.set(name, this.net.probe(target, { synapse }));
  }

  run(steps: number): Map<string, Float64Array> {
    const sim = new Simulator(build(this.net, { dt: DT, seed: this.seed }), { progress: false, seed: this.seed });
    sim.runSteps(steps);
    const out = new Map([...this.probes].map(([name, p]) => [name, Float64Array.from(sim.data(p).data)]));
    sim.close();
    return out;
  }
}

/** Each topology of coupledEqualsComposed.test.ts: the coupled system, and the same written by hand. */
const topologies: Record<string, { coupled: () => CoupledSystem; hand: () => HandWritten }> = {
  chain: {
    coupled: () => {
      const a = subsystem(neural("a", { outSynapse: 0.01 }));
      const b = subsystem(neural("b", { inSynapse: null }));
      const c = subsystem(feedthrough("c"));
      const n = subsystem(noisy("n"));
      return couple({ a, b, c, n }, { seed: 5 })
        .input(a.in.u, sine)
        .wire(a.out.y, b.in.u)
        .wire(b.out.y, c.in.u, { delaySteps: 2, transform: -1.5 })
        .wire(c.out.y, n.in.u)
        .probe(a.out.y)
        .probe(b.out.y, { synapse: 0.005 })
        .probe(c.out.y)
        .probe(c.in.u, { label: "c input" })
        .probe(n.out.y);
    },
    hand: () => {
      const h = new HandWritten(5);
      const a = h.sub("a", (seed) => neural("a", { outSynapse: 0.01, seed }));
      const b = h.sub("b", (seed) => neural("b", { inSynapse: null, seed }));
      const c = h.sub("c", (seed) => seeded(feedthrough("c"), seed));
      const n = h.sub("n", (seed) => seeded(noisy("n"), seed));
      h.input(a.in.u, sine);
      h.wire(a.out.y, b.in.u);
      h.wire(b.out.y, c.in.u, 2, -1.5);
      h.wire(c.out.y, n.in.u);
      h.probe("a.out.y", a.out.y);
      h.probe("b.out.y", b.out.y, 0.005);
      h.probe("c.out.y", c.out.y);
      h.probe("c input", c.in.u);
      h.probe("n.out.y", n.out.y);
      return h;
    },
  },
  "mutual loop": {
    coupled: () => {
      const a = subsystem(twoInputs("a"));
      const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
      return couple({ a, b }, { seed: 11 })
        .input(a.in.ref, sine)
        .input(b.in.ref, (t) => Math.cos(2 * Math.PI * 2 * t))
        .wire(a.out.y, b.in.fb, { delaySteps: 1 })
        .wire(b.out.y, a.in.fb, { delaySteps: 3 })
        .probe(a.out.y)
        .probe(b.out.y, { synapse: 0.01 });
    },
    hand: () => {
      const h = new HandWritten(11);
      const a = h.sub("a", (seed) => seeded(twoInputs("a"), seed));
      const b = h.sub("b", (seed) => seeded(twoInputs("b", { fbTransform: 0.8 }), seed));
      h.input(a.in.ref, sine);
      h.input(b.in.ref, (t) => Math.cos(2 * Math.PI * 2 * t));
      h.wire(a.out.y, b.in.fb, 1);
      h.wire(b.out.y, a.in.fb, 3);
      h.probe("a.out.y", a.out.y);
      h.probe("b.out.y", b.out.y, 0.01);
      return h;
    },
  },
  "three-way loop": {
    coupled: () => {
      const a = subsystem(twoInputs("a"));
      const b = subsystem(feedthrough("b"));
      const c = subsystem(neural("c", { inSynapse: null, outSynapse: null }));
      return couple({ a, b, c })
        .input(a.in.ref, sine)
        .wire(a.out.y, b.in.u)
        .wire(b.out.y, c.in.u)
        .wire(c.out.y, a.in.fb, { delaySteps: 2 })
        .probe(a.out.y)
        .probe(b.out.y)
        .probe(c.out.y);
    },
    hand: () => {
      const h = new HandWritten(0);
      const a = h.sub("a", (seed) => seeded(twoInputs("a"), seed));
      const b = h.sub("b", (seed) => seeded(feedthrough("b"), seed));
      const c = h.sub("c", (seed) => neural("c", { inSynapse: null, outSynapse: null, seed }));
      h.input(a.in.ref, sine);
      h.wire(a.out.y, b.in.u);
      h.wire(b.out.y, c.in.u);
      h.wire(c.out.y, a.in.fb, 2);
      h.probe("a.out.y", a.out.y);
      h.probe("b.out.y", b.out.y);
      h.probe("c.out.y", c.out.y);
      return h;
    },
  },
  "loop closed only through synapses inside": {
    coupled: () => {
      const a = subsystem(twoInputs("a"));
      const b = subsystem(neural("b", { inSynapse: 0.005 }));
      return couple({ a, b }).input(a.in.ref, sine).wire(a.out.y, b.in.u).wire(b.out.y, a.in.fb).probe(a.out.y).probe(b.out.y, { synapse: 0.005 });
    },
    hand: () => {
      const h = new HandWritten(0);
      const a = h.sub("a", (seed) => seeded(twoInputs("a"), seed));
      const b = h.sub("b", (seed) => neural("b", { inSynapse: 0.005, seed }));
      h.input(a.in.ref, sine);
      h.wire(a.out.y, b.in.u);
      h.wire(b.out.y, a.in.fb);
      h.probe("a.out.y", a.out.y);
      h.probe("b.out.y", b.out.y, 0.005);
      return h;
    },
  },
  "three-way loop closed only inside (fused), with a slower outside reader": {
    coupled: () => {
      const a = subsystem(twoInputs("a"));
      const b = subsystem(neural("b", { inSynapse: null, outSynapse: 0.002 }));
      const c = subsystem(feedthrough("c"));
      const d = subsystem(neural("d"));
      return couple({ a, b, c, d })
        .input(a.in.ref, sine)
        .wire(a.out.y, b.in.u)
        .wire(b.out.y, c.in.u)
        .wire(c.out.y, a.in.fb)
        .wire(c.out.y, d.in.u, { delaySteps: 1 })
        .probe(c.out.y)
        .probe(d.out.y);
    },
    hand: () => {
      const h = new HandWritten(0);
      const a = h.sub("a", (seed) => seeded(twoInputs("a"), seed));
      const b = h.sub("b", (seed) => neural("b", { inSynapse: null, outSynapse: 0.002, seed }));
      const c = h.sub("c", (seed) => seeded(feedthrough("c"), seed));
      const d = h.sub("d", (seed) => neural("d", { seed }));
      h.input(a.in.ref, sine);
      h.wire(a.out.y, b.in.u);
      h.wire(b.out.y, c.in.u);
      h.wire(c.out.y, a.in.fb);
      h.wire(c.out.y, d.in.u, 1);
      h.probe("c.out.y", c.out.y);
      h.probe("d.out.y", d.out.y);
      return h;
    },
  },
  "self-loop with a delay": {
    coupled: () => {
      const c = subsystem(feedthrough("c", 1, (x) => [Math.tanh(1.5 * defined(x[0]))]));
      return couple({ c }).input(c.in.u, sine, { sum: true }).wire(c.out.y, c.in.u, { delaySteps: 2, transform: -0.8, sum: true }).probe(c.out.y);
    },
    hand: () => {
      const h = new HandWritten(0);
      const c = h.sub("c", (seed) =>
        seeded(
          feedthrough("c", 1, (x) => [Math.tanh(1.5 * defined(x[0]))]),
          seed,
        ),
      );
      h.input(c.in.u, sine);
      h.wire(c.out.y, c.in.u, 2, -0.8);
      h.probe("c.out.y", c.out.y);
      return h;
    },
  },
  "matrix transform": {
    coupled: () => {
      const a = subsystem(neural("a", { dims: 2, nNeurons: 60 }));
      const b = subsystem(feedthrough("b", 3, (x) => [defined(x[0]) - defined(x[1]), defined(x[1]) * defined(x[2]), defined(x[2])]));
      return couple({ a, b })
        .input(a.in.u, (t) => [sine(t), Math.cos(5 * t)])
        .wire(a.out.y, b.in.u, { transform: MATRIX, delaySteps: 1 })
        .probe(a.out.y)
        .probe(b.out.y);
    },
    hand: () => {
      const h = new HandWritten(0);
      const a = h.sub("a", (seed) => neural("a", { dims: 2, nNeurons: 60, seed }));
      const b = h.sub("b", (seed) =>
        seeded(
          feedthrough("b", 3, (x) => [defined(x[0]) - defined(x[1]), defined(x[1]) * defined(x[2]), defined(x[2])]),
          seed,
        ),
      );
      h.input(a.in.u, (t) => [sine(t), Math.cos(5 * t)]);
      h.wire(a.out.y, b.in.u, 1, MATRIX);
      h.probe("a.out.y", a.out.y);
      h.probe("b.out.y", b.out.y);
      return h;
    },
  },
  "summed sources and a long delay": {
    coupled: () => {
      const a = subsystem(neural("a"));
      const b = subsystem(feedthrough("b"));
      const c = subsystem(neural("c", { inSynapse: 0.002 }));
      return couple({ a, b, c })
        .input(a.in.u, sine)
        .input(b.in.u, (t) => 0.3 * Math.cos(7 * t), { sum: true })
        .wire(a.out.y, b.in.u, { sum: true, delaySteps: 7, transform: 0.7 })
        .wire(c.out.y, b.in.u, { sum: true, transform: -1 / 3 })
        .wire(b.out.y, c.in.u)
        .probe(b.in.u, { label: "sum" })
        .probe(c.out.y);
    },
    hand: () => {
      const h = new HandWritten(0);
      const a = h.sub("a", (seed) => neural("a", { seed }));
      const b = h.sub("b", (seed) => seeded(feedthrough("b"), seed));
      const c = h.sub("c", (seed) => neural("c", { inSynapse: 0.002, seed }));
      h.input(a.in.u, sine);
      h.input(b.in.u, (t) => 0.3 * Math.cos(7 * t));
      h.wire(a.out.y, b.in.u, 7, 0.7);
      h.wire(c.out.y, b.in.u, 0, -1 / 3);
      h.wire(b.out.y, c.in.u);
      h.probe("sum", b.in.u);
      h.probe("c.out.y", c.out.y);
      return h;
    },
  },
};

/** `net` with the given seed (the nets.ts factories other than `neural` take none): the same objects in the same order, so the same draws. */
function seeded<N extends Network<Record<string, number>, Record<string, number>>>(net: N, seed: number): N {
  Object.defineProperty(net, "seed", { value: seed });
  return net;
}

describe("coupled == a monolithic network written by hand, bit for bit (an oracle sharing no code with compose())", () => {
  for (const [name, t] of Object.entries(topologies)) {
    it(name, async () => {
      const expected = t.hand().run(STEPS);
      const result = await t.coupled().run({ steps: STEPS });
      expect([...result.probes].sort()).toEqual([...expected.keys()].sort());
      for (const p of result.probes) {
        const a = result.data(p);
        const b = defined(expected.get(p));
        expect(a.length, p).toBe(STEPS * (b.length / STEPS));
        const i = firstDifference(a, b);
        expect(i, `${name} ${p}: first difference at ${i} (${a[i]} vs ${b[i]})`).toBe(-1);
        expect(bits(a)).toEqual(bits(b));
      }
    });
  }
});
