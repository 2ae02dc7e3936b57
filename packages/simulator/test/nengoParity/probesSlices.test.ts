// Probes of slices (with sampleEvery and synapses) and a connection function given as target
// points, against Nengo 4.1's own run (reference/probes_slices.json, made by
// reference/gen_probes_slices.py).
import { LIF, Network, type ProbeOptions, type ProbeTarget } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat, loadReferenceBeside } from "./support.js";

interface ProbesRef {
  dt: number;
  steps: number;
  n_neurons: number;
  encoders: number[][];
  gain: number[];
  bias: number[];
  voltage: number[];
  eval_points: number[][];
  fn_points: number[][];
  fn_targets: number[][];
  probes: Record<string, unknown>;
  function_points_weights: unknown;
}

const ref = loadReferenceBeside<ProbesRef>(import.meta.url, "./reference/probes_slices.json");

function model() {
  const net = new Network({ seed: 0 });
  const stim = net.node({ output: (t: number) => [0.6 * Math.sin(8 * t), 0.5 * Math.cos(5 * t), 0.3] });
  const ens = net.ensemble({
    nNeurons: ref.n_neurons,
    dimensions: 2,
    encoders: ref.encoders,
    gain: ref.gain,
    bias: ref.bias,
    evalPoints: ref.eval_points,
    neuronType: new LIF({ initialState: { voltage: ref.voltage } }),
  });
  net.connect(stim, ens, { preSlice: { stop: 2 } });
  const out = net.node({ sizeIn: 2 });
  const conn = net.connect(ens, out, { function: ref.fn_targets, evalPoints: ref.fn_points, synapse: 0.01 });
  const probe = (target: ProbeTarget, options: ProbeOptions) => net.probe(target, options);
  const probes = {
    ens_1_decoded_syn: probe(ens, { slice: [1], synapse: 0.01 }),
    ens_10_decoded_every3: probe(ens, { slice: [1, 0], sampleEvery: 0.003 }),
    ens_0_input_every2: probe(ens, { slice: [0], attr: "input", sampleEvery: 0.002 }),
    neurons_0_10_spikes_every5: probe(ens.neurons, { slice: { start: 0, stop: 10 }, sampleEvery: 0.005 }),
    neurons_2_8_3_voltage_every2: probe(ens.neurons, { slice: { start: 2, stop: 8, step: 3 }, attr: "voltage", sampleEvery: 0.002 }),
    neurons_5_spikes_syn: probe(ens.neurons, { slice: { start: 5, stop: 7 }, synapse: 0.005 }),
    node_1_every3_syn: probe(stim, { slice: { start: 1 }, sampleEvery: 0.003, synapse: 0.005 }),
    node_2: probe(stim, { slice: [2] }),
    function_points_out: probe(out, {}),
  };
  return { net, conn, probes };
}

describe("probes of slices and function points (Nengo 4.1 reference)", () => {
  const { net, conn, probes } = model();
  const sim = new Simulator(net, { dt: ref.dt, progress: false });
  sim.runSteps(ref.steps);

  it("covers every reference probe", () => {
    expect(Object.keys(probes).sort()).toEqual(Object.keys(ref.probes).sort());
  });

  for (const [name, p] of Object.entries(probes)) {
    it(`${name}: the rows Nengo recorded`, () => {
      const expected = ref.probes[name] as number[][];
      const d = sim.data(p);
      expect([...d.shape]).toEqual([expected.length, defined(expected[0]).length]);
      // decoded values go through a solve (LAPACK there, ours here): rounding-level differences
      expectAllClose(d.data, flat(expected), { rtol: 1e-9, atol: 1e-10, what: name });
    });
  }

  it("function_points: the decoders solved for the given targets at the given points are Nengo's", () => {
    expectAllClose(defined(sim.plan.built.connections.get(conn)).weights, flat(ref.function_points_weights), { rtol: 1e-9, atol: 1e-10, what: "weights" });
  });
});
