// BasalGanglia and Thalamus against Nengo 4.1 (reference/networks.json from gen_networks.py) and
// the ported tests of nengo/networks/tests/test_actionselection.py.
import { Alpha, BasalGanglia, Direct, LIF, type Lowpass, LstsqL2nz, Network, NnlsL2nz, Thalamus } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { flat } from "../../../../test/support/reference.js";
import { maxAbsDiff, networksRef, type StructureRef, structureOf, structureOfRef } from "./support.js";

interface CaseRef {
  network: "BasalGanglia" | "Thalamus";
  kwargs: { dimensions: number; n_neurons_per_ensemble?: number; output_weight?: number; input_bias?: number; mutual_inhib?: number; threshold?: number };
  input: number[];
  structure: StructureRef;
  output: number[][];
}
const cases = networksRef["action_selection"] as CaseRef[];
const opts = { progress: false } as const;

function build(parent: Network, c: CaseRef): BasalGanglia | Thalamus {
  const k = c.kwargs;
  const n = k.n_neurons_per_ensemble !== undefined ? { nNeuronsPerEnsemble: k.n_neurons_per_ensemble } : {};
  if (c.network === "BasalGanglia") {
    return parent.addNetwork(BasalGanglia, {
      dimensions: k.dimensions,
      ...n,
      ...(k.output_weight !== undefined ? { outputWeight: k.output_weight } : {}),
      ...(k.input_bias !== undefined ? { inputBias: k.input_bias } : {}),
    });
  }
  return parent.addNetwork(Thalamus, {
    dimensions: k.dimensions,
    ...n,
    ...(k.mutual_inhib !== undefined ? { mutualInhib: k.mutual_inhib } : {}),
    ...(k.threshold !== undefined ? { threshold: k.threshold } : {}),
  });
}

describe("BasalGanglia and Thalamus against Nengo 4.1", () => {
  for (const c of cases) {
    const name = `${c.network} ${JSON.stringify(c.kwargs)}`;
    it(`has Nengo's structure: ensembles, transforms, synapses (${name})`, () => {
      const net = build(new Network({ seed: 1 }), c);
      expect(structureOf(net)).toEqual(structureOfRef(c.structure));
    });

    it(`computes Nengo's Direct-mode output (${name})`, () => {
      const model = new Network({ seed: 0 });
      model.config.ensemble.neuronType = new Direct();
      const net = build(model, c);
      model.connect(model.node({ output: c.input }), net.input, { synapse: null });
      const p = model.probe(net.output, { synapse: null });
      const sim = new Simulator(model, { ...opts, dt: networksRef.dt });
      sim.runSteps(networksRef.steps);
      expect(maxAbsDiff(sim.data(p).data, flat(c.output))).toBeLessThan(1e-12);
    });
  }

  it("BasalGanglia: its config (radius 1.5, positive encoders, NnlsL2nz) wins over the parent's; the parent's neuron type and the options reach the ensembles", () => {
    const parent = new Network({ seed: 1 });
    parent.config.ensemble.radius = 3;
    parent.config.ensemble.neuronType = new Direct();
    const bg = parent.addNetwork(BasalGanglia, { dimensions: 2, maxRates: [100, 200] });
    for (const e of bg.all("ensemble")) {
      expect([e.radius, e.neuronType.kind, e.maxRates]).toEqual([1.5, "Direct", [100, 200]]);
    }
    const decoded = bg.all("connection").filter((c) => c.function !== null);
    expect(decoded.length).toBe(5 * 2);
    expect(decoded.every((c) => c.solver instanceof NnlsL2nz)).toBe(true);
  });

  it("refuses dimensions that are not a positive integer, naming the network", () => {
    expect(() => new BasalGanglia({ dimensions: 0 })).toThrow(/BasalGanglia 'Basal Ganglia'.*dimensions/s);
    expect(() => new Thalamus({ dimensions: -1 })).toThrow(/Thalamus 'Thalamus'.*dimensions/s);
  });
});

describe("nengo/networks/tests/test_actionselection.py", () => {
  const meanAfter = (sim: Simulator, data: Float64Array, dims: number, t0: number): number[] => {
    const t = sim.trange();
    const sums = new Array<number>(dims).fill(0);
    let count = 0;
    t.forEach((ti, i) => {
      if (ti <= t0) return;
      count++;
      for (let d = 0; d < dims; d++) sums[d] = defined(sums[d]) + defined(data[i * dims + d]);
    });
    return sums.map((s) => s / count);
  };

  it("test_basic", () => {
    const net = new Network({ seed: 1 });
    net.config.ensemble.neuronType = new LIF();
    const bg = net.addNetwork(BasalGanglia, { dimensions: 5 });
    const input = net.node({ output: [0.8, 0.4, 0.4, 0.4, 0.4], label: "input" });
    net.connect(input, bg.input, { synapse: null });
    const p = net.probe(bg.output, { synapse: 0.01 });
    const sim = new Simulator(net, opts);
    sim.run(0.2);
    const output = meanAfter(sim, sim.data(p).data, 5, 0.1);
    expect(output[0]).toBeGreaterThan(-0.1);
    for (const o of output.slice(1)) expect(o).toBeLessThan(-0.8);
  }, 20_000);

  it("test_thalamus", () => {
    const net = new Network({ seed: 2 });
    net.config.ensemble.neuronType = new LIF();
    const bg = net.addNetwork(BasalGanglia, { dimensions: 5 });
    const input = net.node({ output: [0.8, 0.4, 0.4, 0.4, 0.4], label: "input" });
    net.connect(input, bg.input, { synapse: null });
    const thal = net.addNetwork(Thalamus, { dimensions: 5 });
    net.connect(bg.output, thal.input);
    const p = net.probe(thal.output, { synapse: 0.01 });
    const sim = new Simulator(net, opts);
    sim.run(0.2);
    const output = meanAfter(sim, sim.data(p).data, 5, 0.1);
    expect(output[0]).toBeGreaterThan(0.8);
    for (const o of output.slice(1)) expect(o).toBeLessThan(0.01);
  }, 20_000);

  it("test_bias_input", () => {
    const net = new Network({ seed: 3 });
    net.config.ensemble.neuronType = new LIF();
    const bg = net.addNetwork(BasalGanglia, { dimensions: 3, inputBias: -0.5 });
    const input = net.node({ output: [0.8, 0.5, 0.2], label: "input" });
    net.connect(input, bg.input, { synapse: null });
    const pIn = net.probe(bg.input, { synapse: 0.01 });
    const sim = new Simulator(net, opts);
    sim.run(0.1);
    const t = sim.trange();
    const d = sim.data(pIn).data;
    const want = [0.3, 0, -0.3];
    t.forEach((ti, i) => {
      if (ti <= 0.08) return;
      for (let k = 0; k < 3; k++) expect(Math.abs(defined(d[i * 3 + k]) - defined(want[k]))).toBeLessThanOrEqual(0.005 + 1e-5 * Math.abs(defined(want[k])));
    });
  }, 20_000);

  it("test_overridden_configs", () => {
    const taus = (bg: BasalGanglia): unknown[] =>
      bg
        .all("connection")
        .filter((c) => c.synapse !== null)
        .map((c) => [defined(c.synapse).kind, (c.synapse as Lowpass).tau]);
    const isLowpassAmpaOrGaba = (bg: BasalGanglia): boolean =>
      taus(bg).every((x) => JSON.stringify(x) === '["Lowpass",0.002]' || JSON.stringify(x) === '["Lowpass",0.008]');
    expect(isLowpassAmpaOrGaba(new BasalGanglia({ dimensions: 2 }))).toBe(true);
    // configs that set only the solver keep the default synapses and are left unchanged
    const ampaConfig = { solver: new LstsqL2nz() };
    const gabaConfig = { solver: new LstsqL2nz() };
    const bg = new BasalGanglia({ dimensions: 2, ampaConfig, gabaConfig });
    expect(isLowpassAmpaOrGaba(bg)).toBe(true);
    const receptorConnections = bg.all("connection").filter((c) => c.synapse !== null);
    expect(receptorConnections.length).toBe(6);
    expect(receptorConnections.every((c) => c.solver instanceof LstsqL2nz)).toBe(true);
    expect("synapse" in ampaConfig || "synapse" in gabaConfig).toBe(false);
    // a config with a synapse overrides the AMPA and GABA synapses
    const withSynapse = { synapse: new Alpha(0.1) };
    const bg2 = new BasalGanglia({ dimensions: 2, ampaConfig: withSynapse, gabaConfig: withSynapse });
    expect(taus(bg2)).toEqual(Array(6).fill(["Alpha", 0.1]));
    expect(withSynapse.synapse.tau).toBe(0.1);
  });
});
