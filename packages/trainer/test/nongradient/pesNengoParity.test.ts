// The PES rule of @plexus/core run by @plexus/simulator against Nengo 4.1's own run of the same
// network (reference/pes_reference.json, made by reference/gen_pes_reference.py from Nengo's
// source): the classic example, learning a communication channel from zero decoders with
// error = b − stimulus.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LIF, LIFRate, Network, type NeuronType, NoSolver, PES } from "@plexus/core";
import { numAt } from "@plexus/core/runtime";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";

interface Case {
  readonly neuron_type: "LIFRate" | "LIF";
  readonly learning_rate: number;
  readonly pre_synapse: number | null;
  readonly b: number[];
  readonly error: number[];
  readonly weights: number[][];
}
interface Reference {
  readonly dt: number;
  readonly steps: number;
  readonly n_neurons: number;
  readonly encoders: number[][];
  readonly gain: number[];
  readonly bias: number[];
  readonly lif_initial_voltage: number[];
  readonly cases: Readonly<Record<string, Case>>;
}

const ref = JSON.parse(readFileSync(fileURLToPath(new URL("./reference/pes_reference.json", import.meta.url)), "utf8")) as Reference;

function classicPes(c: Case) {
  const net = new Network({ label: "pes", seed: 0 });
  const neuronType: NeuronType = c.neuron_type === "LIF" ? new LIF({ initialState: { voltage: ref.lif_initial_voltage } }) : new LIFRate();
  const stim = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) * 0.8, label: "stim" });
  const a = net.ensemble({ nNeurons: ref.n_neurons, dimensions: 1, neuronType, encoders: ref.encoders, gain: ref.gain, bias: ref.bias, label: "a" });
  net.connect(stim, a);
  const b = net.node({ sizeIn: 1, label: "b" });
  const conn = net.connect(a, b, { solver: new NoSolver(), learningRule: new PES({ learningRate: c.learning_rate, preSynapse: c.pre_synapse }) });
  const error = net.node({ sizeIn: 1, label: "error" });
  net.connect(b, error);
  net.connect(stim, error, { transform: -1 });
  net.connect(error, defined(conn.learningRule, "the PES rule"));
  const pB = net.probe(b);
  const pErr = net.probe(error);
  const pW = net.probe(conn, { attr: "weights", sampleEvery: 0.1 });
  return { net, pB, pErr, pW };
}

const mse = (xs: ArrayLike<number>, from: number, to: number): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += numAt(xs, i) ** 2;
  return s / (to - from);
};

describe("PES on the simulator = Nengo 4.1's PES", () => {
  for (const [name, c] of Object.entries(ref.cases)) {
    it(`${name}: the output, error and learned weights follow Nengo's run step for step`, () => {
      const { net, pB, pErr, pW } = classicPes(c);
      const sim = new Simulator(net, { dt: ref.dt, progress: false });
      sim.runSteps(ref.steps);
      const b = sim.data(pB).data;
      const err = sim.data(pErr).data;
      const w = sim.data(pW);
      expect(w.shape).toEqual([c.weights.length, ref.n_neurons]);
      let maxB = 0;
      let maxE = 0;
      let maxW = 0;
      for (let k = 0; k < ref.steps; k++) {
        maxB = Math.max(maxB, Math.abs(numAt(b, k) - numAt(c.b, k)));
        maxE = Math.max(maxE, Math.abs(numAt(err, k) - numAt(c.error, k)));
      }
      for (const [r, row] of c.weights.entries()) {
        expect(row).toHaveLength(ref.n_neurons);
        for (const [j, v] of row.entries()) maxW = Math.max(maxW, Math.abs(numAt(w.data, r * ref.n_neurons + j) - v));
      }
      expect(maxB).toBeLessThan(1e-9);
      expect(maxE).toBeLessThan(1e-9);
      expect(maxW).toBeLessThan(1e-12);
      // The behaviour the rule defines: decoders start at zero and the error shrinks.
      expect(b[0]).toBe(0);
      expect(mse(err, ref.steps - 300, ref.steps)).toBeLessThan(0.5 * mse(err, 0, 300));
    });
  }

  it("without an error connection the weights stay as built", () => {
    const net = new Network({ seed: 1 });
    const stim = net.node({ output: 0.5 });
    const a = net.ensemble({ nNeurons: 8, dimensions: 1, neuronType: new LIFRate() });
    net.connect(stim, a);
    const conn = net.connect(a, net.node({ sizeIn: 1 }), { learningRule: new PES({ learningRate: 1 }) });
    const pW = net.probe(conn, { attr: "weights" });
    const sim = new Simulator(net, { progress: false });
    sim.runSteps(20);
    const w = sim.data(pW);
    const built = defined(sim.plan.built.connections.get(conn), "the built connection").weights;
    for (let r = 0; r < 20; r++) expect(Array.from(w.data.subarray(r * 8, r * 8 + 8))).toEqual(Array.from(built));
  });
});
