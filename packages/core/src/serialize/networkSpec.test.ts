import { describe, expect, it } from "vitest";
import {
  Alpha,
  Choice,
  FilteredNoise,
  Gaussian,
  LIF,
  Lowpass,
  LstsqL2,
  Network,
  Process,
  type ProcessStep,
  ScatteredHypersphere,
  Sigmoid,
  Uniform,
} from "../index.js";
import { elemAt } from "../internal/checked.js";
import { canonicalJson } from "./canonicalJson.js";
import { encodeNetwork, encodeObject, rebuildNetwork, rebuildObject, serialisableSpec } from "./networkSpec.js";

function rich(): Network {
  const net = new Network({ label: "top", seed: 3, inputs: { u: 2 }, outputs: { y: 1 } });
  const bias = net.node({ output: [0.5], label: "bias" });
  const a = net.ensemble({
    nNeurons: 8,
    dimensions: 2,
    neuronType: new LIF({ tauRc: 0.03 }),
    label: "a",
    intercepts: new Gaussian(0, 0.3),
    encoders: new ScatteredHypersphere({ surface: true }),
  });
  const inner = net.network({ label: "inner", inputs: { i: 1 }, outputs: { o: 1 } });
  const b = inner.ensemble({
    nNeurons: 4,
    dimensions: 1,
    neuronType: new Sigmoid({ tauRef: 0.003 }),
    maxRates: [100, 120, 140, 160],
    intercepts: new Uniform(-0.5, 0.5),
  });
  inner.connect(inner.in.i, b, { synapse: new Alpha(0.01) });
  inner.connect(b, inner.out.o, { synapse: null, solver: new LstsqL2({ reg: 0.05 }) });
  net.connect(net.in.u, a, {
    synapse: null,
    transform: [
      [1, 0.5],
      [0, 2],
    ],
  });
  net.connect(bias, a, { synapse: 0.002, transform: [[1], [1]] });
  net.connect(a, inner.in.i, { synapse: 0.005, preSlice: [1] });
  net.connect(inner.out.o, net.out.y, { synapse: null, transform: 3 });
  net.connect(a.neurons, a.neurons, { transform: Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => (i === j ? 0 : 0.01))) });
  return net;
}

describe("networkSpec", () => {
  it("rebuilds a network of serialisable objects exactly (the same spec again)", () => {
    const net = rich();
    const result = serialisableSpec(net);
    expect("spec" in result).toBe(true);
    if (!("spec" in result)) return;
    const rebuilt = rebuildNetwork(result.spec);
    expect(canonicalJson(encodeNetwork(rebuilt, "spec").json)).toBe(canonicalJson(result.spec));
    expect(rebuilt.label).toBe("top");
    expect(elemAt(elemAt(rebuilt.networks, 0).ensembles, 0).neuronType.toString()).toBe(new Sigmoid({ tauRef: 0.003 }).toString());
  });

  it("says why a network with code cannot be saved as a spec", () => {
    const net = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
    const f = net.node({ output: (t: number) => Math.sin(t), label: "stim" });
    const a = net.ensemble({ nNeurons: 4, dimensions: 1 });
    net.connect(f, a);
    net.connect(net.in.u, a);
    net.connect(a, net.out.y, { function: (x) => elemAt(x, 0) ** 2 });
    const result = serialisableSpec(net);
    expect("problems" in result).toBe(true);
    if (!("problems" in result)) return;
    expect(result.problems.join("\n")).toMatch(/Node 'stim'\.output is a function/);
    expect(result.problems.join("\n")).toMatch(/Connection\[2\]\.function is a function/);
  });
});

describe("networkSpec with a learning rule", () => {
  it("puts the rule in the structure and rebuilds it with its error connection", async () => {
    const { PES } = await import("../index.js");
    const make = (rule: boolean) => {
      const net = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
      const a = net.ensemble({ nNeurons: 4, dimensions: 1 });
      net.connect(net.in.u, a);
      const c = net.connect(a, net.out.y, rule ? { learningRule: new PES() } : {});
      if (c.learningRule !== null) net.connect(net.in.u, c.learningRule);
      return net;
    };
    expect(canonicalJson(encodeNetwork(make(true), "structure").json)).not.toBe(canonicalJson(encodeNetwork(make(false), "structure").json));
    const result = serialisableSpec(make(true));
    if (!("spec" in result)) throw new Error(result.problems.join("; "));
    const rebuilt = rebuildNetwork(result.spec);
    const conn = elemAt(rebuilt.connections, 1);
    expect(conn.learningRule?.rule).toEqual(new PES());
    expect(elemAt(rebuilt.connections, 2).post).toBe(conn.learningRule);
  });
});

/** A process of a package of its own (as the coupler's array inputs are), rebuilt through `classes`. */
class Ramp extends Process {
  readonly kind = "Ramp";
  readonly defaultSizeOut: number;
  constructor(
    readonly slope: Float64Array,
    readonly name: string,
  ) {
    super();
    this.defaultSizeOut = slope.length;
  }
  makeStep(): ProcessStep {
    return (t, _x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = elemAt(this.slope, i) * t;
    };
  }
}

describe("networkSpec with classes of another package", () => {
  const make = (): Network => {
    const net = new Network({ label: "r", inputs: {}, outputs: { y: 2 } });
    const ramp = net.node({ output: new Ramp(Float64Array.from([0.5, -2]), "ramp"), sizeOut: 2, label: "ramp" });
    net.connect(ramp, net.out.y, { synapse: new Lowpass(0.01) });
    return net;
  };
  const classes = { Ramp: (f: Readonly<Record<string, unknown>>) => new Ramp(f["slope"] as Float64Array, f["name"] as string) };

  it("refuses a process it cannot rebuild, and rebuilds it given its constructor (node outputs that are processes included)", () => {
    const refused = serialisableSpec(make());
    expect("problems" in refused && refused.problems.join("\n")).toMatch(/is a Ramp, which cannot be rebuilt/);
    const ok = serialisableSpec(make(), classes);
    expect("spec" in ok).toBe(true);
    if (!("spec" in ok)) return;
    const rebuilt = rebuildNetwork(ok.spec, classes);
    const out = elemAt(rebuilt.nodes, 0).output;
    expect(out).toBeInstanceOf(Ramp);
    expect(Array.from((out as Ramp).slope)).toEqual([0.5, -2]);
    expect(canonicalJson(encodeNetwork(rebuilt, "spec", classes).json)).toBe(canonicalJson(ok.spec));
    expect(() => rebuildNetwork(ok.spec)).toThrow(/Ramp cannot be rebuilt/);
  });

  it("saves Plexus's own processes and distributions: a noise node and Choice encoders rebuild equal", () => {
    const net = new Network({ label: "noisy", inputs: {}, outputs: { y: 1 } });
    const noise = net.node({ output: new FilteredNoise({ synapse: new Alpha(0.01), dist: new Gaussian(0, 0.5) }), sizeOut: 1 });
    const ens = net.ensemble({ nNeurons: 4, dimensions: 1, encoders: new Choice([[1], [-1]]) });
    net.connect(noise, ens);
    net.connect(ens, net.out.y);
    const saved = serialisableSpec(net);
    if (!("spec" in saved)) throw new Error(saved.problems.join("\n"));
    const rebuilt = rebuildNetwork(saved.spec);
    expect((elemAt(rebuilt.nodes, 0).output as FilteredNoise).equals(noise.output)).toBe(true);
    expect((elemAt(rebuilt.ensembles, 0).encoders as Choice).equals(ens.encoders)).toBe(true);
  });

  it("encodes and rebuilds one object (a probe's synapse)", () => {
    const { json, problems } = encodeObject(new Alpha(0.02));
    expect(problems).toEqual([]);
    const back = rebuildObject(json);
    expect(back).toBeInstanceOf(Alpha);
    expect((back as Alpha).tau).toBe(0.02);
    expect(encodeObject(new Ramp(new Float64Array(1), "x")).problems.join()).toMatch(/Ramp, which cannot be rebuilt/);
  });
});
