// Nodes driven by processes and callables (shared/reference/nengo/processes_nodes.json).
import { Network, Piecewise, PresentInput } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectProbe, loadReference } from "./support.js";

type Arr = unknown;
interface ProcessesRef {
  dt: number;
  cases: Record<string, Record<string, Arr> & { trange: number[] }>;
}

const ref = loadReference<ProcessesRef>("nengo/processes_nodes.json");
const dt = ref.dt;
const opts = { dt, progress: false } as const;
const inputs = [
  [0.1, 0.2],
  [0.3, 0.4],
  [0.5, 0.6],
];

describe("processes_nodes", () => {
  it("covers every reference case", () => {
    expect(Object.keys(ref.cases).sort()).toEqual([
      "callable_nodes_size_in",
      "piecewise_linear",
      "piecewise_zero",
      "present_input_pt0.0025",
      "present_input_pt0.005",
    ]);
  });

  for (const pt of [0.005, 0.0025]) {
    it(`present_input_pt${pt}`, () => {
      const c = defined(ref.cases[`present_input_pt${pt}`]);
      const net = new Network();
      const node = net.node({ output: new PresentInput({ inputs, presentationTime: pt }) });
      const p = net.probe(node);
      const sim = new Simulator(net, opts);
      sim.runSteps(20);
      expect(Array.from(sim.trange())).toEqual(c.trange);
      expectProbe(sim, p, c["probe"], "probe");
    });
  }

  it("piecewise_zero", () => {
    const c = defined(ref.cases["piecewise_zero"]);
    const net = new Network();
    const n1 = net.node({
      output: new Piecewise(
        new Map([
          [0, 0.0],
          [0.005, 1.0],
          [0.0105, -2.0],
          [0.015, 3.0],
        ]),
      ),
    });
    const n2 = net.node({
      output: new Piecewise(
        new Map([
          [0.004, [1.0, -1.0]],
          [0.012, [0.5, 0.25]],
        ]),
      ),
    });
    const n3 = net.node({
      output: new Piecewise(
        new Map<number, number | ((t: number) => number)>([
          [0, Math.cos],
          [0.01, 0.5],
        ]),
      ),
    });
    const p1 = net.probe(n1);
    const p2 = net.probe(n2);
    const p3 = net.probe(n3);
    const sim = new Simulator(net, opts);
    sim.runSteps(20);
    expect(Array.from(sim.trange())).toEqual(c.trange);
    expectProbe(sim, p1, c["probe_n1"], "probe_n1");
    expectProbe(sim, p2, c["probe_n2"], "probe_n2");
    expectProbe(sim, p3, c["probe_n3"], "probe_n3");
  });

  it("piecewise_linear", () => {
    const c = defined(ref.cases["piecewise_linear"]);
    const net = new Network();
    const node = net.node({
      output: new Piecewise(
        new Map([
          [0, 0.0],
          [0.01, 1.0],
          [0.015, -1.0],
        ]),
        { interpolation: "linear" },
      ),
    });
    const p = net.probe(node);
    const sim = new Simulator(net, opts);
    sim.runSteps(20);
    expectProbe(sim, p, c["probe"], "probe");
  });

  it("callable_nodes_size_in", () => {
    const c = defined(ref.cases["callable_nodes_size_in"]);
    const net = new Network();
    const cst = net.node({ output: [0.5, -1.0] });
    const f = net.node({ output: (t: number, x: Float64Array) => [defined(x[0]) * t + 1, defined(x[1]) * t + 2], sizeIn: 2 });
    const g = net.node({ output: (t: number, x: Float64Array) => [defined(x[0]) * defined(x[1]), defined(x[0]) + defined(x[1]), t], sizeIn: 2 });
    const h = net.node({ output: (_t: number, x: Float64Array) => [defined(x[0]), defined(x[1])], sizeIn: 2 });
    const hd = net.node({ output: (_t: number, x: Float64Array) => [defined(x[0]), defined(x[1])], sizeIn: 2 });
    net.connect(cst, f, { synapse: null });
    net.connect(f, g, { synapse: null });
    net.connect(cst, h, {
      transform: [
        [1, 0],
        [0, 2],
      ],
      synapse: null,
    });
    net.connect(f, h, { synapse: null });
    net.connect(f, hd);
    const probes = { probe_const: net.probe(cst), probe_f: net.probe(f), probe_g: net.probe(g), probe_h: net.probe(h), probe_hd: net.probe(hd) };
    const sim = new Simulator(net, opts);
    sim.runSteps(10);
    expect(Array.from(sim.trange())).toEqual(c.trange);
    for (const [name, p] of Object.entries(probes)) expectProbe(sim, p, c[name], name);
  });
});
