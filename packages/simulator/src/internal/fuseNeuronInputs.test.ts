import { Network, Sigmoid, WhiteNoise } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { build } from "../build.js";
import { neuronStepKernel } from "../kernels/neuronKernel.js";
import { defaultRegistry, type Registry } from "../Registry.js";
import { Simulator } from "../Simulator.js";

/** The default kernels, but every neuron type through its own step (so nothing is fused). */
const generic: Registry = { ...defaultRegistry, neurons: { "*": neuronStepKernel } };

function network(): Network {
  const net = new Network({ seed: 8 });
  const stim = net.node({ output: (t: number) => [Math.sin(6 * t), Math.cos(5 * t), 0.3] });
  const plain = net.ensemble({ nNeurons: 40, dimensions: 3, label: "plain" });
  const sig = net.ensemble({ nNeurons: 30, dimensions: 1, neuronType: new Sigmoid(), label: "sig" });
  const noisy = net.ensemble({ nNeurons: 20, dimensions: 1, noise: new WhiteNoise({ seed: 1 }), label: "noisy" });
  const driven = net.ensemble({ nNeurons: 25, dimensions: 2, label: "driven" });
  const read = net.ensemble({ nNeurons: 15, dimensions: 1, label: "read" });
  const lonely = net.ensemble({ nNeurons: 40, dimensions: 1, label: "lonely" });
  net.connect(stim, plain);
  net.connect(plain, sig, { function: (x) => defined(x[0]) * defined(x[1]) });
  net.connect(sig, noisy);
  net.connect(stim, driven, {
    transform: [
      [1, 0, 0],
      [0, 0, 1],
    ],
  });
  net.connect(plain.neurons, driven.neurons, {
    transform: Array.from({ length: 25 }, (_, i) => Array.from({ length: 40 }, (_, j) => 0.001 * Math.sin(i + 2 * j))),
    synapse: null,
  });
  net.connect(noisy, read);
  const big = net.ensemble({ nNeurons: 404, dimensions: 12, label: "big" }); // encoders in blocks (404 = 50 blocks + 4 rows)
  net.connect(stim, big, { transform: Array.from({ length: 12 }, (_, i) => [Math.cos(i), Math.sin(i), 0.5]) });
  net.probe(big, { synapse: 0.01 });
  net.probe(big.neurons, { attr: "input" });
  for (const e of [plain, sig, noisy, driven, read]) net.probe(e, { synapse: 0.01 });
  for (const e of [plain, sig, noisy, driven, read, lonely]) {
    net.probe(e.neurons);
    net.probe(e.neurons, { attr: "input" });
  }
  net.probe(read.neurons, { attr: "input", synapse: 0.005 }); // a kernel reading the current
  return net;
}

describe("fuseNeuronInputs", () => {
  it("fuses bias, encoders and neurons only where nothing else writes the current, with the bits of separate kernels", () => {
    const net = network();
    const fused = build(net);
    const text = fused.describe();
    expect(text).toMatch(/'plain': LIF neurons, bias \+ encoders/);
    expect(text).toMatch(/'sig': Sigmoid neurons, bias \+ encoders/);
    expect(text).toMatch(/'lonely': LIF neurons, bias \(/);
    expect(text).toMatch(/'big': LIF neurons, bias \+ encoders/);
    expect(text).not.toMatch(/'noisy': LIF neurons, bias/); // noise adds into the current
    expect(text).not.toMatch(/'driven': LIF neurons, bias/); // a neuron-to-neuron product adds into it
    const separate = build(net, { registry: generic });
    expect(separate.describe()).not.toMatch(/bias \+ encoders/);
    const run = (plan: typeof fused) => {
      const sim = new Simulator(plan, { progress: false });
      sim.runSteps(300);
      return net.all("probe").map((p) => Array.from(sim.data(p).data));
    };
    expect(run(fused)).toEqual(run(separate));
    const js = new Simulator(fused, { progress: false, simd: false });
    js.runSteps(300);
    expect(net.all("probe").map((p) => Array.from(js.data(p).data))).toEqual(run(separate));
  });
});
