// InputGatedMemory against Nengo 4.1 (reference/networks.json from gen_networks.py) and the
// ported test of nengo/networks/tests/test_workingmemory.py.
import { InputGatedMemory, LIF, Network, Piecewise } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { networksRef, type StructureRef, structureOf, structureOfRef } from "./support.js";

interface CaseRef {
  n_neurons: number;
  dimensions: number;
  kwargs: { feedback?: number; difference_gain?: number; recurrent_synapse?: number; difference_synapse?: number };
  structure: StructureRef;
}
const cases = networksRef["input_gated_memory"] as CaseRef[];

describe("InputGatedMemory against Nengo 4.1", () => {
  for (const c of cases) {
    it(`has Nengo's structure: ensembles, transforms, synapses (n=${c.n_neurons}, d=${c.dimensions}, ${JSON.stringify(c.kwargs)})`, () => {
      const parent = new Network({ seed: 1 });
      const k = c.kwargs;
      const net = parent.addNetwork(InputGatedMemory, {
        nNeurons: c.n_neurons,
        dimensions: c.dimensions,
        ...(k.feedback !== undefined ? { feedback: k.feedback } : {}),
        ...(k.difference_gain !== undefined ? { differenceGain: k.difference_gain } : {}),
        ...(k.recurrent_synapse !== undefined ? { recurrentSynapse: k.recurrent_synapse } : {}),
        ...(k.difference_synapse !== undefined ? { differenceSynapse: k.difference_synapse } : {}),
      });
      expect(structureOf(net)).toEqual(structureOfRef(c.structure));
      expect(net.input).toBe(net.diff.input);
      expect(net.output).toBe(net.mem.output);
    });
  }

  it("takes ensemble options and the parent config for both arrays", () => {
    const parent = new Network({ seed: 1 });
    parent.config.ensemble.radius = 2;
    const net = parent.addNetwork(InputGatedMemory, { nNeurons: 10, dimensions: 2, maxRates: [100, 200] });
    expect(net.all("ensemble").map((e) => [e.radius, e.maxRates])).toEqual(Array(4).fill([2, [100, 200]]));
  });

  it("refuses dimensions that are not a positive integer, naming the network", () => {
    expect(() => new InputGatedMemory({ nNeurons: 10, dimensions: 1.5 })).toThrow(/InputGatedMemory 'Input gated memory'.*dimensions/s);
  });
});

describe("nengo/networks/tests/test_workingmemory.py", () => {
  it("test_inputgatedmemory", () => {
    const toMemorize = 0.5;
    const startMemorizing = 0.4;
    const net = new Network({ seed: 4 });
    net.config.ensemble.neuronType = new LIF();
    const testInput = net.node({ output: new Piecewise({ 0: 0, 0.1: toMemorize, [startMemorizing + 0.1]: 0 }) });
    const gateInput = net.node({ output: new Piecewise({ 0: 0, [startMemorizing]: 1 }) });
    const resetInput = net.node({ output: 0 });
    const mem = net.addNetwork(InputGatedMemory, { nNeurons: 150, dimensions: 1, differenceGain: 5 });
    net.connect(testInput, mem.input);
    net.connect(gateInput, mem.gate);
    net.connect(resetInput, mem.reset);
    const p = net.probe(mem.output, { synapse: 0.01 });
    const sim = new Simulator(net, { progress: false });
    sim.run(0.5);
    const data = sim.data(p).data;
    const t = sim.trange();
    const within = (pred: (t: number) => boolean, target: number, atol: number): void => {
      const bad = Array.from(t).flatMap((ti, i) =>
        pred(ti) && Math.abs(defined(data[i]) - target) > atol + 1e-5 * Math.abs(target) ? [`t=${ti}: ${data[i]}`] : [],
      );
      expect(bad.slice(0, 5)).toEqual([]);
    };
    within((ti) => ti < 0.1, 0, 0.05);
    within((ti) => ti > 0.2 && ti <= 0.4, 0.5, 0.1);
    within((ti) => ti > 0.4, 0.5, 0.1);
  }, 20_000);
});
