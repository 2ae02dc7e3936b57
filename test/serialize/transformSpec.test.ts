// A network whose connections hold transform objects (Sparse, Convolution, ConvolutionTranspose,
// a Dense drawn from a distribution) saved as a spec, rebuilt, and run: the same bits as the original.
import {
  Convolution,
  ConvolutionTranspose,
  canonicalJson,
  Dense,
  encodeNetwork,
  Gaussian,
  LIF,
  Network,
  type Probe,
  rebuildNetwork,
  Sparse,
  serialisableSpec,
  structureText,
  Uniform,
} from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../support/defined.js";

/** Every transform kind, drawn and given, between neurons and nodes. */
function transformsNetwork(drawn: boolean): { net: Network; probes: Probe[] } {
  const net = new Network({ label: "transforms", seed: 11 });
  const stim = net.node({ output: [0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 0.6, -0.1], label: "stim" });
  const a = net.ensemble({ nNeurons: 16, dimensions: 2, neuronType: new LIF(), label: "a" });
  const b = net.ensemble({ nNeurons: 8, dimensions: 1, label: "b" });
  const c = net.ensemble({ nNeurons: 16, dimensions: 1, label: "c" });
  const d = net.ensemble({ nNeurons: 10, dimensions: 3, label: "d" });
  const indices = Array.from({ length: 16 }, (_, k) => [k, k % 8] as [number, number]);
  const sparseInit = drawn ? new Uniform(0.5, 2) : Array.from({ length: 16 }, (_, k) => 0.5 + k / 16);
  net.connect(stim, a.neurons, { transform: new Sparse({ shape: [16, 8], indices, init: sparseInit }) });
  const kernel = Array.from({ length: 3 * 3 * 1 * 2 }, (_, k) => ((k % 5) - 2) / 40);
  net.connect(a.neurons, b.neurons, {
    transform: new Convolution({ nFilters: 2, inputShape: [4, 4, 1], kernelSize: [3, 3], ...(drawn ? {} : { init: kernel }) }),
  });
  net.connect(b.neurons, c.neurons, {
    transform: new ConvolutionTranspose({
      nFilters: 1,
      inputShape: [2, 2, 2],
      kernelSize: [3, 3],
      init: drawn ? new Gaussian(0, 0.05) : Array.from({ length: 18 }, (_, k) => k / 400),
    }),
  });
  net.connect(stim, d, { transform: drawn ? new Gaussian(0, 0.5) : new Dense({ shape: [3, 8], init: new Uniform(-0.3, 0.3) }) });
  net.connect(c.neurons, net.node({ output: null, sizeIn: 16, label: "sink" }), {
    transform: new Sparse({
      shape: [16, 16],
      init: Array.from({ length: 16 }, (_, r) => Array.from({ length: 16 }, (_, k) => (k === r ? 0 : k === (r + 3) % 16 ? 0.01 : 0))),
    }),
  });
  const probes = [net.probe(a.neurons), net.probe(b.neurons), net.probe(c.neurons), net.probe(d), net.probe(defined(net.nodes[1]))];
  return { net, probes };
}

function run(net: Network, probes: readonly Probe[]): Float64Array[] {
  const sim = new Simulator(net, { progress: false });
  try {
    sim.runSteps(60);
    return probes.map((p) => Float64Array.from(sim.data(p).data));
  } finally {
    sim.close();
  }
}

/** The rebuilt network's probes: the same objects' positions in the rebuilt network. */
function rebuiltProbes(net: Network): Probe[] {
  const [a, b, c, d] = net.ensembles;
  return [net.probe(defined(a).neurons), net.probe(defined(b).neurons), net.probe(defined(c).neurons), net.probe(defined(d)), net.probe(defined(net.nodes[1]))];
}

describe("spec of transform objects", () => {
  for (const drawn of [true, false]) {
    it(`rebuilds Sparse, Convolution, ConvolutionTranspose and Dense (${drawn ? "drawn from distributions" : "given values"}) to the same bits`, () => {
      const { net, probes } = transformsNetwork(drawn);
      const result = serialisableSpec(net);
      if (!("spec" in result)) throw new Error(result.problems.join("; "));
      const text = canonicalJson(result.spec);
      const rebuilt = rebuildNetwork(JSON.parse(text));
      expect(canonicalJson(encodeNetwork(rebuilt, "spec").json)).toBe(text);
      expect(structureText(rebuilt)).toBe(structureText(net));
      const kinds = rebuilt.connections.map((c) => c.transformObject.kind);
      expect(kinds).toEqual(["Sparse", "Convolution", "ConvolutionTranspose", "Dense", "Sparse"]);
      const original = run(net, probes);
      const again = run(rebuilt, rebuiltProbes(rebuilt));
      expect(original.some((p) => p.some((x) => x !== 0))).toBe(true);
      original.forEach((p, i) => expect(Array.from(defined(again[i]))).toEqual(Array.from(p)));
    });
  }

  it("tells transforms apart in the structure (kind, kernel size, sparse indices) but not their values", () => {
    const make = (t: Sparse | Convolution): string => {
      const net = new Network({ seed: 1 });
      const a = net.ensemble({ nNeurons: 16, dimensions: 1 });
      const b = net.ensemble({ nNeurons: 8, dimensions: 1 });
      net.connect(a.neurons, b.neurons, { transform: t });
      return structureText(net);
    };
    const conv = (k: number, init?: number[]): Convolution =>
      new Convolution({ nFilters: k === 3 ? 2 : 1, inputShape: [4, 4, 1], kernelSize: [k, k], ...(init === undefined ? {} : { init }) });
    const sparse = (shift: number, v: number): Sparse =>
      new Sparse({ shape: [8, 16], indices: Array.from({ length: 8 }, (_, r) => [r, (r + shift) % 16] as [number, number]), init: v });
    expect(make(conv(3))).toBe(make(conv(3, new Array<number>(18).fill(0.1))));
    expect(make(conv(3))).not.toBe(make(sparse(0, 1)));
    expect(make(sparse(0, 1))).toBe(make(sparse(0, 2)));
    expect(make(sparse(0, 1))).not.toBe(make(sparse(1, 1)));
  });
});
