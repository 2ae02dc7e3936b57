// The network library as Nengo builds it: Integrator's input is unfiltered, and a parent
// network's config reaches the ensembles inside library networks.
import { Direct, EnsembleArray, Integrator, LIFRate, Lowpass, Network, Oscillator, Product } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";

const opts = { progress: false } as const;

describe("Integrator", () => {
  it("filters its input once (by the recurrent synapse), as nengo's Integrator: a Direct ramp of exact slope from the first step", () => {
    const tau = 0.05;
    const dt = 0.001;
    const net = new Network({ seed: 1 });
    const integ = net.add(new Integrator({ recurrentTau: tau, nNeurons: 10, dimensions: 1, neuronType: new Direct() }));
    const u = net.node({ output: 1 });
    net.connect(u, integ.input, { synapse: null });
    const p = net.probe(integ.output, { synapse: null });
    const sim = new Simulator(net, { ...opts, dt });
    sim.runSteps(20);
    const y = sim.data(p).data;
    // Lowpass(tau), zero-order hold: y[n+1] = a·y[n] + (1 - a)·(y[n] + tau·u) = y[n] + (1 - a)·tau
    const slope = (1 - Math.exp(-dt / tau)) * tau;
    for (let n = 2; n < 20; n++) expect(defined(y[n]) - defined(y[n - 1])).toBeCloseTo(slope, 12);
    const input = defined(integ.connections.find((c) => c.pre === integ.input));
    expect(input.synapse).toBeNull();
  });
});

describe("library networks take the parent network's config", () => {
  const kinds = (net: Network): string[] => net.all("ensemble").map((e) => e.neuronType.kind);

  it("reaches the ensembles inside EnsembleArray, Product, Integrator and Oscillator built with addNetwork", () => {
    const net = new Network({ seed: 2 });
    net.config.ensemble.neuronType = new Direct();
    net.config.ensemble.radius = 2;
    const ea = net.addNetwork(EnsembleArray, { nNeurons: 10, nEnsembles: 3 });
    const prod = net.addNetwork(Product, { nNeurons: 20, dimensions: 2 });
    const integ = net.addNetwork(Integrator, { recurrentTau: 0.1, nNeurons: 10, dimensions: 1 });
    const osc = net.addNetwork(Oscillator, { recurrentTau: 0.1, frequency: 3, nNeurons: 10 });
    expect(kinds(net)).toEqual(Array(3 + 4 + 1 + 1).fill("Direct"));
    expect(ea.eaEnsembles.map((e) => e.radius)).toEqual([2, 2, 2]);
    // the library's own explicit values win over the parent's defaults
    expect(prod.all("ensemble").map((e) => e.radius)).toEqual(Array(4).fill(Math.SQRT2));
    expect(integ.ens.radius).toBe(2);
    expect(osc.ens.radius).toBe(2);
    // and a Direct product runs and multiplies
    const a = net.node({ output: [0.5, -0.4] });
    const b = net.node({ output: [0.6, 0.7] });
    net.connect(a, prod.inputA, { synapse: null });
    net.connect(b, prod.inputB, { synapse: null });
    const p = net.probe(prod.output, { synapse: null });
    const sim = new Simulator(net, opts);
    sim.runSteps(5);
    const y = sim.data(p).data;
    expect(y[8]).toBeCloseTo(0.3, 12);
    expect(y[9]).toBeCloseTo(-0.28, 12);
  });

  it("lets Product take ensemble options, applied to both squaring arrays over the parent's config", () => {
    const net = new Network({ seed: 3 });
    net.config.ensemble.neuronType = new Direct();
    const prod = net.addNetwork(Product, {
      nNeurons: 20,
      dimensions: 2,
      neuronType: new LIFRate(),
      maxRates: [100, 150, 200, 250, 300, 350, 400, 450, 500, 550],
    });
    expect(kinds(prod)).toEqual(Array(4).fill("LIFRate"));
    expect(defined(prod.sq1.eaEnsembles[0]).maxRates).toEqual([100, 150, 200, 250, 300, 350, 400, 450, 500, 550]);
    const standalone = new Product({ nNeurons: 20, dimensions: 1, neuronType: new Direct() });
    expect(kinds(standalone)).toEqual(["Direct", "Direct"]);
  });

  it("keeps connection defaults of the parent for what the library leaves unset", () => {
    const net = new Network({});
    net.config.connection.synapse = new Lowpass(0.02);
    const integ = net.addNetwork(Integrator, { recurrentTau: 0.1, nNeurons: 10, dimensions: 1 });
    // the library sets both synapses explicitly, as Nengo's does
    expect(integ.connections.map((c) => c.synapse?.kind ?? null)).toEqual(["Lowpass", null]);
  });
});
