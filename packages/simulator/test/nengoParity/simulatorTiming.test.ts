// Nengo 4.1 step ordering and timing (shared/reference/nengo/simulator_timing.json).
import { BuildError, Direct, LIF, Network, PlexusError, RectifiedLinear, ValidationError } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, expectProbe, firstRows, flat, loadReference } from "./support.js";

type Arr = unknown;
interface TimingRef {
  dt: number;
  trange_and_run: {
    results: {
      "run_0.01": {
        trange: number[];
        n_steps: number;
        time: number;
        probe_node_t: number[];
        "trange_sample_every_0.003": number[];
        "probe_sample_every_0.003": number[];
      };
      run_seconds_to_steps: { run_seconds: number; steps_taken: number; time_after: number }[];
      "two_runs_0.005_each": { n_steps: number; trange: number[]; probe_node_t: number[] };
    };
  };
  node_call_semantics: Record<string, Arr>;
  node_chain_delays: { results: Record<string, { probe_a: number[]; probe_b: number[]; "probe_b_with_probe_synapse_0.005": number[] }> };
  direct_ensemble_chain: { results: Record<string, { probe_a: Arr; probe_e_decoded: Arr; probe_b: Arr; probe_c: Arr }> };
  recurrent_integrator_direct: { probe_e: number[]; value_at_t_1s: number; "probe_e_with_probe_synapse_0.01": number[]; counter_probe: number[] };
  relu_ensemble_fixed_params: Record<string, Arr>;
  lif_ensemble_fixed_initial_state: Record<string, Arr>;
}

const ref = loadReference<TimingRef>("nengo/simulator_timing.json");
const dt = ref.dt;
const opts = { dt, progress: false } as const;

describe("trange_and_run", () => {
  const r = ref.trange_and_run.results;
  const make = () => {
    const net = new Network();
    const node = net.node({ output: (t: number) => t });
    const p = net.probe(node, { synapse: null });
    const ps = net.probe(node, { sampleEvery: 0.003 });
    return { net, p, ps };
  };

  it("run(0.01): trange, nSteps, time and probes (sampleEvery too)", () => {
    const { net, p, ps } = make();
    const sim = new Simulator(net, opts);
    sim.run(0.01);
    const e = r["run_0.01"];
    expect(sim.nSteps).toBe(e.n_steps);
    expect(sim.time).toBe(e.time);
    expect(Array.from(sim.trange())).toEqual(e.trange);
    expect(Array.from(sim.data(p).data)).toEqual(e.probe_node_t);
    expect(Array.from(sim.trange(0.003))).toEqual(e["trange_sample_every_0.003"]);
    expect(Array.from(sim.data(ps).data)).toEqual(e["probe_sample_every_0.003"]);
  });

  for (const c of r.run_seconds_to_steps) {
    it(`run(${c.run_seconds}) takes ${c.steps_taken} steps (round half to even)`, () => {
      const { net } = make();
      const sim = new Simulator(net, opts);
      sim.run(c.run_seconds);
      expect(sim.nSteps).toBe(c.steps_taken);
      expect(sim.time).toBe(c.time_after);
    });
  }

  it("two runs continue the same time line", () => {
    const { net, p } = make();
    const sim = new Simulator(net, opts);
    sim.run(0.005);
    sim.run(0.005);
    const e = r["two_runs_0.005_each"];
    expect(sim.nSteps).toBe(e.n_steps);
    expect(Array.from(sim.trange())).toEqual(e.trange);
    expect(Array.from(sim.data(p).data)).toEqual(e.probe_node_t);
  });
});

describe("node_call_semantics", () => {
  const c = ref.node_call_semantics;

  it("a callable node is called once at construction, not at build, then once per step at t = k·dt; reset rewinds", () => {
    const calls: number[] = [];
    const net = new Network();
    net.node({
      output: (t: number) => {
        calls.push(t);
        return t;
      },
    });
    expect(calls).toEqual(c["f_calls_after_construction"]);
    const sim = new Simulator(build(net, { dt }), opts);
    expect(calls).toEqual(c["f_calls_after_build"]);
    sim.runSteps(5);
    expect(calls).toEqual(c["f_calls_after_run_steps_5"]);
    sim.reset();
    sim.runSteps(2);
    expect(calls).toEqual(c["f_calls_after_reset_and_run_steps_2"]);
  });

  it("a node with input sees this step's sum of synapse-less connections; calls interleave in build order", () => {
    const calls: [number, number][] = [];
    const g = (t: number, x: Float64Array) => {
      calls.push([t, defined(x[0])]);
      return [2 * defined(x[0])];
    };
    const net = new Network();
    const src = net.node({ output: (t: number) => t });
    const b = net.node({ output: g, sizeIn: 1, sizeOut: 1 });
    const cNode = net.node({ output: g, sizeIn: 1 });
    expect(calls).toEqual(c["g_calls_before_run_[t,x]"]);
    net.connect(src, b, { synapse: null });
    net.connect(src, cNode, { synapse: null });
    const pb = net.probe(b);
    const sim = new Simulator(net, opts);
    sim.runSteps(3);
    expect(calls.slice(1)).toEqual(c["g_calls_during_run_steps_3_[t,x]_interleaved_b_c"]);
    expectAllClose(sim.data(pb).data, flat(c["probe_b"]), { what: "probe_b" });
  });
});

describe("node_chain_delays", () => {
  const cases: Record<string, number | null | undefined> = {
    synapse_None: null,
    "synapse_default_Lowpass0.005": undefined,
    synapse_Lowpass0: 0,
    "synapse_Lowpass0.1": 0.1,
  };
  it("covers every reference case", () => {
    expect(Object.keys(ref.node_chain_delays.results).sort()).toEqual(Object.keys(cases).sort());
  });
  for (const [name, syn] of Object.entries(cases)) {
    it(name, () => {
      const e = defined(ref.node_chain_delays.results[name]);
      const net = new Network();
      const a = net.node({ output: (t: number) => t });
      const b = net.node({ sizeIn: 1 });
      net.connect(a, b, syn === undefined ? {} : { synapse: syn });
      const pa = net.probe(a);
      const pb = net.probe(b);
      const pbs = net.probe(b, { synapse: 0.005 });
      const sim = new Simulator(net, opts);
      sim.runSteps(20);
      expectProbe(sim, pa, e.probe_a, "probe_a");
      expectProbe(sim, pb, e.probe_b, "probe_b");
      expectProbe(sim, pbs, e["probe_b_with_probe_synapse_0.005"], "probe_b_with_probe_synapse_0.005");
    });
  }
});

describe("direct_ensemble_chain", () => {
  const cases: Record<string, number | null | undefined> = { all_synapse_None: null, all_default_synapse: undefined };
  it("covers every reference case", () => {
    expect(Object.keys(ref.direct_ensemble_chain.results).sort()).toEqual(Object.keys(cases).sort());
  });
  for (const [name, syn] of Object.entries(cases)) {
    it(name, () => {
      const e = defined(ref.direct_ensemble_chain.results[name]);
      const o = syn === undefined ? {} : { synapse: syn };
      const net = new Network();
      const a = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) });
      const ens = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Direct() });
      const b = net.node({ sizeIn: 1 });
      const e2 = net.ensemble({ nNeurons: 1, dimensions: 2, neuronType: new Direct() });
      const c = net.node({ sizeIn: 2 });
      net.connect(a, ens, o);
      net.connect(ens, b, o);
      net.connect(ens, e2, { ...o, function: (x) => [defined(x[0]) ** 2, 2 * defined(x[0])] });
      net.connect(e2, c, o);
      const pa = net.probe(a);
      const pe = net.probe(ens);
      const pb = net.probe(b);
      const pc = net.probe(c);
      const sim = new Simulator(net, opts);
      sim.runSteps(30);
      expectProbe(sim, pa, e.probe_a, "probe_a");
      expectProbe(sim, pe, e.probe_e_decoded, "probe_e_decoded");
      expectProbe(sim, pb, e.probe_b, "probe_b");
      expect(sim.data(pc).shape).toEqual([30, 2]);
      expectProbe(sim, pc, e.probe_c, "probe_c");
    });
  }
});

describe("recurrent_integrator_direct", () => {
  const e = ref.recurrent_integrator_direct;
  it("a Direct integrator with synapse 0.1 on the loop", () => {
    const net = new Network();
    const stim = net.node({ output: 1.0 });
    const ens = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Direct() });
    net.connect(stim, ens, { transform: 0.1, synapse: 0.1 });
    net.connect(ens, ens, { synapse: 0.1 });
    const p = net.probe(ens);
    const ps = net.probe(ens, { synapse: 0.01 });
    const sim = new Simulator(net, opts);
    sim.run(1.0);
    expect(sim.nSteps).toBe(1000);
    expectProbe(sim, p, e.probe_e, "probe_e");
    expectAllClose([defined(sim.data(p).data[999])], [e.value_at_t_1s], { what: "value at t = 1 s" });
    expectProbe(sim, ps, e["probe_e_with_probe_synapse_0.01"], "probe_e_with_probe_synapse_0.01");
  });

  it("a node counter with synapse 0 reads last step's output", () => {
    const net = new Network();
    const counter = net.node({ output: (_t: number, x: Float64Array) => defined(x[0]) + 1, sizeIn: 1 });
    net.connect(counter, counter, { synapse: 0 });
    const p = net.probe(counter);
    const sim = new Simulator(net, opts);
    sim.runSteps(10);
    expect(Array.from(sim.data(p).data)).toEqual(e.counter_probe);
  });

  it("a loop without a synapse is rejected at build", () => {
    const net = new Network();
    const counter = net.node({ output: (_t: number, x: Float64Array) => defined(x[0]) + 1, sizeIn: 1 });
    net.connect(counter, counter, { synapse: null });
    let err: unknown;
    try {
      build(net);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlexusError);
    expect(err instanceof ValidationError || err instanceof BuildError).toBe(true);
    expect(String((err as Error).message)).toMatch(/cycle|depend/);
  });
});

describe("relu_ensemble_fixed_params", () => {
  const e = ref.relu_ensemble_fixed_params;
  it("J, rates, neuron connections, decoded input and output within one step", () => {
    const D = e["transform_D"] as number[][];
    const params = {
      nNeurons: 6,
      dimensions: 1,
      neuronType: new RectifiedLinear(),
      encoders: e["encoders"] as number[][],
      gain: e["gain"] as number[],
      bias: e["bias"] as number[],
      evalPoints: e["eval_points"] as number[][],
    } as const;
    const net = new Network();
    const stim = net.node({ output: (t: number) => Math.sin(2 * Math.PI * 10 * t) });
    const ens = net.ensemble(params);
    net.connect(stim, ens, { synapse: null });
    const out = net.node({ sizeIn: 1 });
    net.connect(ens.neurons, out, { transform: D, synapse: null });
    const outF = net.node({ sizeIn: 1 });
    net.connect(ens.neurons, outF, { transform: D });
    const ens2 = net.ensemble(params);
    net.connect(stim, ens2.neurons, { transform: [[1], [1], [1], [1], [1], [1]], synapse: null });
    const pStim = net.probe(stim);
    const pIn = net.probe(ens, { attr: "input" });
    const pJ = net.probe(ens.neurons, { attr: "input" });
    const pRates = net.probe(ens.neurons);
    const pOut = net.probe(out);
    const pOutF = net.probe(outF);
    const pDec = net.probe(ens);
    const pJ2 = net.probe(ens2.neurons, { attr: "input" });
    const pRates2 = net.probe(ens2.neurons);
    const plan = build(net, { dt });
    const sim = new Simulator(plan, opts);
    sim.runSteps(100);
    expectProbe(sim, pStim, e["probe_stim"], "probe_stim");
    expectProbe(sim, pIn, e["probe_ens_input"], "probe_ens_input");
    expectProbe(sim, pJ, e["probe_neurons_input_J"], "probe_neurons_input_J");
    expectProbe(sim, pRates, e["probe_neurons_output"], "probe_neurons_output");
    expectProbe(sim, pOut, e["probe_out_synapse_None"], "probe_out_synapse_None");
    expectProbe(sim, pOutF, e["probe_out_default_synapse"], "probe_out_default_synapse");
    expectProbe(sim, pDec, e["probe_ens_decoded_output"], "probe_ens_decoded_output");
    expectAllClose(defined(defined(plan.built.probes.get(pDec)).decoders), flat(e["decoded_output_decoders"]), { what: "decoded_output_decoders" });
    expectProbe(sim, pJ2, e["ens2_probe_neurons_input_J"], "ens2_probe_neurons_input_J");
    expectProbe(sim, pRates2, e["ens2_probe_neurons_output"], "ens2_probe_neurons_output");
  });
});

describe("lif_ensemble_fixed_initial_state", () => {
  const e = ref.lif_ensemble_fixed_initial_state;
  it("spikes, voltage, refractory time and filtered spikes of LIF neurons with a fixed initial voltage", () => {
    const net = new Network();
    const stim = net.node({ output: 0.8 });
    const ens = net.ensemble({
      nNeurons: 5,
      dimensions: 1,
      neuronType: new LIF({ initialState: { voltage: [0, 0.25, 0.5, 0.75, 0.99] } }),
      encoders: [[1], [1], [1], [1], [1]],
      gain: [1, 2, 1.5, 3, 0.5],
      bias: [1.2, 0.5, 2, -1, 3],
      evalPoints: Array.from({ length: 11 }, (_, i) => [-1 + i * 0.2]),
    });
    net.connect(stim, ens, { synapse: null });
    const pSpikes = net.probe(ens.neurons);
    const pV = net.probe(ens.neurons, { attr: "voltage" });
    const pRef = net.probe(ens.neurons, { attr: "refractoryTime" });
    const pF = net.probe(ens.neurons, { synapse: 0.005 });
    const pJ = net.probe(ens.neurons, { attr: "input" });
    const sim = new Simulator(net, opts);
    sim.run(1.0);
    const n = 5;
    const spikes = sim.data(pSpikes).data;
    expect(sim.data(pSpikes).shape).toEqual([1000, n]);
    expectAllClose(sim.data(pJ).data.subarray(0, n), flat(e["J"]), { what: "J" });
    const counts = Array.from({ length: n }, (_, i) => {
      let c = 0;
      for (let k = 0; k < 1000; k++) if (spikes[k * n + i] !== 0) c++;
      return c;
    });
    expect(counts).toEqual(e["spike_counts_1s"]);
    const first10 = Array.from({ length: n }, (_, i) => {
      const idx: number[] = [];
      for (let k = 0; k < 1000 && idx.length < 10; k++) if (spikes[k * n + i] !== 0) idx.push(k);
      return idx;
    });
    expect(first10).toEqual(e["spike_step_indices_first_10"]);
    expect(Array.from(firstRows(sim, pSpikes, 50))).toEqual(Array.from(flat(e["probe_spikes_first_50"])));
    expectAllClose(firstRows(sim, pV, 50), flat(e["probe_voltage_first_50"]), { what: "voltage" });
    expectAllClose(firstRows(sim, pRef, 50), flat(e["probe_refractory_time_first_50"]), { what: "refractoryTime" });
    expectAllClose(firstRows(sim, pF, 50), flat(e["probe_spikes_filtered_0.005_first_50"]), { what: "filtered spikes" });
  });
});
