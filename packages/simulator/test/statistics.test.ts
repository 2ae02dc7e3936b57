// Statistical behaviour: a spiking communication channel tracks the ideal (Direct-mode) one.
import { Direct, LIF, Network, type NeuronType } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";

/** Node sin → Ensemble(100) → Ensemble(100), default synapses; the decoded output of the second, filtered 10 ms. */
function channel(seed: number, neuronType: () => NeuronType): Float64Array {
  const net = new Network({ seed });
  const stim = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) });
  const a = net.ensemble({ nNeurons: 100, dimensions: 1, neuronType: neuronType() });
  const b = net.ensemble({ nNeurons: 100, dimensions: 1, neuronType: neuronType() });
  net.connect(stim, a);
  net.connect(a, b);
  const p = net.probe(b, { synapse: 0.01 });
  const sim = new Simulator(net, { progress: false });
  sim.run(1);
  return Float64Array.from(sim.data(p).data);
}

describe("communication channel", () => {
  it("100 LIF neurons per ensemble decode the signal of the Direct-mode network (RMSE like Nengo's, ~0.02)", () => {
    const seeds = [0, 1, 2, 3, 4, 5];
    const rmses = seeds.map((seed) => {
      const spiking = channel(seed, () => new LIF());
      const ideal = channel(seed, () => new Direct());
      let s = 0;
      for (let i = 0; i < ideal.length; i++) s += (defined(spiking[i]) - defined(ideal[i])) ** 2;
      return Math.sqrt(s / ideal.length);
    });
    const mean = rmses.reduce((a, b) => a + b, 0) / rmses.length;
    expect(mean).toBeLessThan(0.05);
    for (const r of rmses) expect(r).toBeLessThan(0.08);
    // and it is a real comparison: the ideal output is the sine, delayed and filtered
    expect(Math.max(...channel(0, () => new Direct()))).toBeGreaterThan(0.9);
  });
});
