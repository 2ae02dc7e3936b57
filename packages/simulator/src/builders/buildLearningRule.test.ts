import { Network, NoSolver, PES, RectifiedLinear } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { build } from "../build.js";
import { Simulator } from "../Simulator.js";

/** One neuron firing at 10 Hz (RectifiedLinear, gain 1, bias 10, no input), its connection learning from a constant error. */
function oneNeuron(options: { preSynapse: number | null; error: number; learningRate: number }) {
  const net = new Network({ seed: 0 });
  const a = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new RectifiedLinear(), encoders: [[1]], gain: [1], bias: [10] });
  const out = net.node({ sizeIn: 1 });
  const conn = net.connect(a, out, {
    synapse: null,
    solver: new NoSolver({ values: Float64Array.of(0.5) }),
    learningRule: new PES({ learningRate: options.learningRate, preSynapse: options.preSynapse }),
  });
  net.connect(net.node({ output: options.error }), defined(conn.learningRule), { synapse: null });
  return { net, conn, pW: net.probe(conn, { attr: "weights" }), pOut: net.probe(out) };
}

describe("buildLearningRule (PES)", () => {
  it("applies Δw = −κ·dt/n · e · a one step after it is computed", () => {
    const { net, pW, pOut } = oneNeuron({ preSynapse: null, error: 2, learningRate: 0.5 });
    const sim = new Simulator(net, { progress: false });
    sim.runSteps(5);
    const delta = -((0.5 * 0.001) / 1) * 2 * 10;
    const w = Array.from(sim.data(pW).data);
    // step 1 sees the built weight; each later step the previous steps' changes
    w.forEach((v, k) => expect(v).toBeCloseTo(0.5 + k * delta, 15));
    Array.from(sim.data(pOut).data).forEach((v, k) => expect(v).toBeCloseTo((0.5 + k * delta) * 10, 12));
  });

  it("filters the activities by the pre-synapse within the step (Nengo builds it in set mode)", () => {
    const tau = 0.01;
    const { net, pW } = oneNeuron({ preSynapse: tau, error: 1, learningRate: 1 });
    const sim = new Simulator(net, { progress: false });
    sim.runSteps(3);
    const a = Math.exp(-0.001 / tau);
    const f1 = (1 - a) * 10; // the filtered rate after step 1 already includes step 1's rate
    const f2 = a * f1 + (1 - a) * 10;
    const w = sim.data(pW).data;
    expect(defined(w[1]) - defined(w[0])).toBeCloseTo(-0.001 * f1, 15);
    expect(defined(w[2]) - defined(w[1])).toBeCloseTo(-0.001 * f2, 15);
  });

  it("keeps the weights writable and row-major, and restores them on reset", () => {
    const { net, pW } = oneNeuron({ preSynapse: null, error: 1, learningRate: 1 });
    const plan = build(net);
    expect(plan.describe()).toMatch(/weights \+= delta/);
    expect(plan.describe()).toMatch(/PES/);
    const sim = new Simulator(plan, { progress: false });
    sim.runSteps(3);
    const first = Array.from(sim.data(pW).data);
    sim.reset();
    sim.runSteps(3);
    expect(Array.from(sim.data(pW).data)).toEqual(first);
  });
  it("records the PES rule's error, activities and delta when probed (Nengo's PES.probeable)", () => {
    const { net, conn } = oneNeuron({ preSynapse: null, error: 2, learningRate: 0.5 });
    const pErr = net.probe(defined(conn.learningRule), { attr: "error" });
    const pAct = net.probe(defined(conn.learningRule), { attr: "activities" });
    const pDelta = net.probe(defined(conn.learningRule), { attr: "delta" });
    const sim = new Simulator(net, { progress: false });
    sim.runSteps(3);
    expect(Array.from(sim.data(pErr).data)).toEqual([2, 2, 2]);
    expect(Array.from(sim.data(pAct).data)).toEqual([10, 10, 10]);
    // delta = −κ·dt/n · e · a, the change applied at the start of the next step
    for (const d of sim.data(pDelta).data) expect(d).toBeCloseTo(-(0.5 * 0.001) * 2 * 10, 15);
  });
});
