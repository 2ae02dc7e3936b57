// Nengo's test_spiking_types (nengo/tests/test_neurons.py), ported: RegularSpiking,
// PoissonSpiking and StochasticSpiking wrapping LIFRate, RectifiedLinear and Tanh decode a sine
// within Nengo's tolerances of the input and of the rate model's own output.
import { LIFRate, Network, type NeuronType, PoissonSpiking, RectifiedLinear, RegularSpiking, StochasticSpiking, Tanh } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { build } from "../src/build.js";
import { Simulator } from "../src/Simulator.js";

const N_NEURONS = 400;
const DELAY = 5;
const SEED = 2;

/** The decoded output (shifted by the probe's delay) and the input, as Nengo's test takes them. */
function run(neuronType: NeuronType, simSeed: number): { x: Float64Array; u: Float64Array } {
  const net = new Network({ seed: SEED });
  const u = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) });
  const a = net.ensemble({ nNeurons: N_NEURONS, dimensions: 1, neuronType });
  net.connect(u, a);
  const uP = net.probe(u, { synapse: 0.001 * DELAY });
  const aP = net.probe(a, { synapse: 0.001 * DELAY });
  const sim = new Simulator(net, { seed: simSeed, progress: false });
  sim.run(1.0);
  const ud = sim.data(uP).data;
  const ad = sim.data(aP).data;
  return { x: ad.slice(DELAY), u: ud.slice(0, ud.length - DELAY) };
}

/** numpy's allclose(a, b, atol) with its default rtol 1e-5: the worst excess, <= 0 when close. */
function excess(a: Float64Array, b: Float64Array, atol: number): number {
  let worst = -Infinity;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(defined(a[i]) - defined(b[i])) - (atol + 1e-5 * Math.abs(defined(b[i]))));
  return worst;
}

const spikingTypes = [
  ["RegularSpiking", (b: NeuronType) => new RegularSpiking(b), 0.08],
  ["PoissonSpiking", (b: NeuronType) => new PoissonSpiking(b), 0.15],
  ["StochasticSpiking", (b: NeuronType) => new StochasticSpiking(b), 0.15],
] as const;

describe("test_spiking_types (nengo/tests/test_neurons.py)", () => {
  for (const [baseName, base] of [
    ["LIFRate", () => new LIFRate()],
    ["RectifiedLinear", () => new RectifiedLinear()],
    ["Tanh", () => new Tanh()],
  ] as const) {
    it(`test_spiking_types[${baseName}]: each spiking wrapper decodes the input and the rate model's output within Nengo's atol`, () => {
      const baseline = run(base(), SEED).x;
      for (const [name, wrap, atol] of spikingTypes) {
        const { x, u } = run(wrap(base()), SEED + 1);
        expect(excess(x, u, atol), `${name} vs input`).toBeLessThanOrEqual(0);
        expect(excess(x, baseline, atol), `${name} vs ${baseName}`).toBeLessThanOrEqual(0);
      }
    });
  }
});

describe("stochastic neuron types in the simulator", () => {
  it("a snapshot continues a PoissonSpiking run with the bits of an uninterrupted run (the generator is saved)", () => {
    const net = new Network({ seed: SEED });
    const u = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) });
    const a = net.ensemble({ nNeurons: 50, dimensions: 1, neuronType: new PoissonSpiking(new LIFRate()) });
    net.connect(u, a);
    const p = net.probe(a.neurons);
    const plan = build(net);
    const whole = new Simulator(plan, { progress: false });
    whole.runSteps(100);
    const half = new Simulator(plan, { progress: false });
    half.runSteps(50);
    const resumed = new Simulator(plan, { progress: false, from: half.snapshot() });
    resumed.runSteps(50);
    const all = whole.data(p).data;
    const tail = resumed.data(p).data;
    expect(Array.from(tail.slice(tail.length - 50 * 50))).toEqual(Array.from(all.slice(50 * 50)));
    expect(all.some((x) => x !== 0)).toBe(true);
  });
});
