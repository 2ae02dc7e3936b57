import {
  BuildError,
  Direct,
  defaultNEvalPoints,
  LIF,
  LIFRate,
  LstsqL2,
  Network,
  NoSolver,
  parameterName,
  RectifiedLinear,
  Uniform,
  ValidationError,
} from "@plexus/core";
import { describe, expect, it, vi } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { build } from "./build.js";
import type { NeuronKernelBuilder } from "./kernels/neuronKernel.js";
import { neuronStepKernel } from "./kernels/neuronKernel.js";
import { defaultRegistry, type Registry } from "./Registry.js";
import { Simulator } from "./Simulator.js";

describe("build: what plan.built holds", () => {
  it("unit encoders, scaled encoders = encoders·gain/radius, eval points scaled by the radius", () => {
    const net = new Network({ seed: 3 });
    const ens = net.ensemble({ nNeurons: 20, dimensions: 3, radius: 2 });
    const given = net.ensemble({ nNeurons: 4, dimensions: 1, radius: 3, evalPoints: [[0.5], [-1]], encoders: [[2], [-3], [1], [-1]] });
    const b = build(net).built;
    const e = defined(b.ensembles.get(ens));
    expect(e.nEvalPoints).toBe(defaultNEvalPoints(20, 3));
    expect(e.evalPoints.length).toBe(e.nEvalPoints * 3);
    for (let i = 0; i < 20; i++) {
      const row = e.encoders.subarray(i * 3, i * 3 + 3);
      expect(Math.hypot(...row)).toBeCloseTo(1, 14);
      for (let j = 0; j < 3; j++) expect(e.scaledEncoders[i * 3 + j]).toBe(defined(row[j]) * (defined(e.gain[i]) / 2));
    }
    let maxNorm = 0;
    for (let k = 0; k < e.nEvalPoints; k++) maxNorm = Math.max(maxNorm, Math.hypot(...e.evalPoints.subarray(k * 3, k * 3 + 3)));
    expect(maxNorm).toBeGreaterThan(1);
    expect(maxNorm).toBeLessThanOrEqual(2 + 1e-12);
    const g = defined(b.ensembles.get(given));
    expect(Array.from(g.evalPoints)).toEqual([1.5, -3]);
    expect(Array.from(g.encoders)).toEqual([1, -1, 1, -1]);
    expect(defined(g.maxRates).length).toBe(4);
  });

  it("draws from the network's seed: the same seed gives the same bits", () => {
    const make = () => {
      const net = new Network({ seed: 11 });
      const ens = net.ensemble({ nNeurons: 10, dimensions: 2 });
      const conn = net.connect(ens, net.node({ sizeIn: 2 }));
      return { net, ens, conn };
    };
    const a = make();
    const b = make();
    const pa = build(a.net).built;
    const pb = build(b.net).built;
    expect(Array.from(defined(pa.ensembles.get(a.ens)).encoders)).toEqual(Array.from(defined(pb.ensembles.get(b.ens)).encoders));
    expect(Array.from(defined(pa.connections.get(a.conn)).weights)).toEqual(Array.from(defined(pb.connections.get(b.conn)).weights));
  });

  it("folds the transform into decoded weights (postSize × nNeurons) and keeps the transform of the others", () => {
    const net = new Network({ seed: 1 });
    const ens = net.ensemble({ nNeurons: 8, dimensions: 2 });
    const out = net.node({ sizeIn: 3 });
    const dec = net.connect(ens, out, {
      transform: [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    });
    const a = net.node({ output: [1, 2] });
    const el = net.connect(a, ens, { transform: [2, 3] });
    const b = build(net).built;
    const bd = defined(b.connections.get(dec));
    expect(bd.weightsShape).toEqual([3, 8]);
    const D = defined(bd.decoders);
    for (let j = 0; j < 8; j++) {
      expect(bd.weights[0 * 8 + j]).toBe(1 * defined(D[j * 2]) + 0 * defined(D[j * 2 + 1]));
      expect(bd.weights[2 * 8 + j]).toBe(1 * defined(D[j * 2]) + 1 * defined(D[j * 2 + 1]));
    }
    const be = defined(b.connections.get(el));
    expect(be.weightsShape).toEqual([2]);
    expect(be.denseShape).toEqual([2, 2]);
    expect(Array.from(be.denseWeights)).toEqual([2, 0, 0, 3]);
  });

  it("uses fixed decoders with NoSolver", () => {
    const net = new Network({ seed: 1 });
    const ens = net.ensemble({ nNeurons: 3, dimensions: 1 });
    const conn = net.connect(ens, net.node({ sizeIn: 1 }), { solver: new NoSolver({ values: Float64Array.of(1, 2, 3) }), transform: 2 });
    const bc = defined(build(net).built.connections.get(conn));
    expect(Array.from(defined(bc.decoders))).toEqual([1, 2, 3]);
    expect(Array.from(bc.weights)).toEqual([2, 4, 6]);
  });

  it("a weight solver gives the same currents as decoders then encoders", () => {
    const make = (weights: boolean) => {
      const net = new Network({ seed: 5 });
      const stim = net.node({ output: (t: number) => Math.sin(10 * t) });
      const a = net.ensemble({ nNeurons: 20, dimensions: 1, neuronType: new LIFRate() });
      const b = net.ensemble({ nNeurons: 15, dimensions: 1, neuronType: new LIFRate() });
      net.connect(stim, a, { synapse: null });
      net.connect(a, b, { synapse: null, solver: new LstsqL2({ weights }) });
      return { net, p: net.probe(b.neurons, { attr: "input" }) };
    };
    const w = make(true);
    const d = make(false);
    const sw = new Simulator(w.net, { progress: false });
    const sd = new Simulator(d.net, { progress: false });
    sw.runSteps(50);
    sd.runSteps(50);
    const a = sw.data(w.p).data;
    const b = sd.data(d.p).data;
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(defined(b[i]), 9);
  });

  it("solves the decoders of connections and decoded probes of one ensemble together: one solve, each member's own bits", () => {
    const net = new Network({ seed: 6 });
    const ens = net.ensemble({ nNeurons: 150, dimensions: 12 });
    net.connect(net.node({ output: new Array(12).fill(0.2) }), ens);
    const rec = net.connect(ens, ens, { synapse: 0.1 });
    const sq = net.connect(ens, net.node({ sizeIn: 2 }), { function: (x) => [defined(x[0]) * defined(x[1]), defined(x[2]) ** 2] });
    const other = net.connect(ens, net.node({ sizeIn: 1 }), { preSlice: [3], solver: new LstsqL2({ reg: 0.05 }) });
    const probe = net.probe(ens);
    const spy = vi.spyOn(LstsqL2.prototype, "solveMany");
    const plan = build(net);
    // rec, sq and the probe share one solve; other has its own solver (LstsqL2.solve runs solveMany once more)
    expect(spy.mock.calls.map((c) => c[1].length).sort()).toEqual([1, 3]);
    spy.mockRestore();
    const e = defined(plan.built.ensembles.get(ens));
    const m = e.nEvalPoints;
    const J = new Float64Array(m * 150);
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < 150; i++) {
        let s = 0;
        for (let j = 0; j < 12; j++) s += defined(e.evalPoints[k * 12 + j]) * (defined(e.encoders[i * 12 + j]) / e.radius);
        J[k * 150 + i] = s;
      }
    }
    const A = ens.neuronType.rates(J, e.gain, e.bias);
    const targets = (d: number, f: (x: Float64Array) => number[]) => {
      const out = new Float64Array(m * d);
      for (let k = 0; k < m; k++) out.set(f(e.evalPoints.subarray(k * 12, k * 12 + 12)), k * d);
      return out;
    };
    const alone = (solver: LstsqL2, d: number, f: (x: Float64Array) => number[]) => solver.solve(A, targets(d, f), m, 150, d).decoders;
    const same = (a: Float64Array, b: Float64Array) =>
      expect(Array.from(new BigUint64Array(Float64Array.from(a).buffer))).toEqual(Array.from(new BigUint64Array(Float64Array.from(b).buffer)));
    same(
      defined(defined(plan.built.connections.get(rec)).decoders),
      alone(new LstsqL2({ reg: 0.1 }), 12, (x) => Array.from(x)),
    );
    same(
      defined(defined(plan.built.connections.get(sq)).decoders),
      alone(new LstsqL2({ reg: 0.1 }), 2, (x) => [defined(x[0]) * defined(x[1]), defined(x[2]) ** 2]),
    );
    same(
      defined(defined(plan.built.probes.get(probe)).decoders),
      alone(new LstsqL2({ reg: 0.1 }), 12, (x) => Array.from(x)),
    );
    same(
      defined(defined(plan.built.connections.get(other)).decoders),
      alone(new LstsqL2({ reg: 0.05 }), 1, (x) => [defined(x[3])]),
    );
  });

  it("drops the encoders of an ensemble nothing connects into", () => {
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 5, dimensions: 1, label: "lonely" });
    net.probe(ens.neurons);
    expect(build(net).describe()).not.toMatch(/lonely.*encoders/);
    const net2 = new Network();
    const ens2 = net2.ensemble({ nNeurons: 5, dimensions: 1, label: "fed" });
    net2.connect(net2.node({ output: 1 }), ens2);
    expect(build(net2).describe()).toMatch(/fed.*encoders/);
  });
});

describe("build: overrides by parameter name", () => {
  const make = () => {
    const net = new Network({ seed: 2 });
    const a = net.ensemble({ nNeurons: 4, dimensions: 1, neuronType: new LIFRate(), label: "a" });
    const b = net.ensemble({ nNeurons: 4, dimensions: 1, neuronType: new LIFRate(), label: "b" });
    const dec = net.connect(a, b);
    const w = net.connect(a.neurons, b.neurons, { transform: 0.5 });
    const ws = net.connect(a, b, { solver: new LstsqL2({ weights: true }) });
    return { net, a, b, dec, w, ws };
  };

  it("replaces encoders, gain, bias (scaled encoders, max rates recomputed) and weights (no solve)", () => {
    const { net, a, dec, w, ws } = make();
    const overrides = new Map<string, Float64Array>([
      [parameterName(a, "encoders", net), Float64Array.of(1, -1, 1, -1)],
      [parameterName(a, "gain", net), Float64Array.of(1, 2, 3, 4)],
      [parameterName(a, "bias", net), Float64Array.of(1, 1, 1, 1)],
      [parameterName(dec, "weights", net), Float64Array.of(0.1, 0.2, 0.3, 0.4)],
      [parameterName(w, "weights", net), Float64Array.of(0.25)],
      [parameterName(ws, "weights", net), new Float64Array(16).fill(0.5)],
    ]);
    const b = build(net, { overrides }).built;
    const ba = defined(b.ensembles.get(a));
    expect(Array.from(ba.scaledEncoders)).toEqual([1, -2, 3, -4]);
    expect(Array.from(defined(ba.maxRates))).toEqual(Array.from(new LIFRate().rates(Float64Array.of(1, 1, 1, 1), ba.gain, ba.bias)));
    const bd = defined(b.connections.get(dec));
    expect(bd.decoders).toBeUndefined();
    expect(Array.from(bd.weights)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(Array.from(defined(b.connections.get(w)).weights)).toEqual([0.25]);
    expect(defined(b.connections.get(ws)).weightsShape).toEqual([4, 4]);
  });

  it("rejects unknown names and wrong lengths", () => {
    const { net, a } = make();
    expect(() => build(net, { overrides: new Map([["nope.gain", Float64Array.of(1)]]) })).toThrow(BuildError);
    expect(() => build(net, { overrides: new Map([[parameterName(a, "gain", net), Float64Array.of(1)]]) })).toThrow(/has 1 values but the parameter has 4/);
  });
});

describe("build: errors", () => {
  it("throws ValidationError for an invalid network, with every issue", () => {
    const net = new Network();
    const a = net.node({ output: [1, 2] });
    const b = net.node({ sizeIn: 3 });
    net.connect(a, b);
    expect(() => build(net)).toThrow(ValidationError);
    expect(() => build(new Network(), { dt: 0 })).toThrow(ValidationError);
  });

  it("throws BuildError for non-positive gains (intercepts above 1)", () => {
    const net = new Network();
    net.ensemble({ nNeurons: 5, dimensions: 1, intercepts: new Uniform(1.1, 1.5), label: "e" });
    expect(() => build(net)).toThrow(BuildError);
    expect(() => build(net)).toThrow(/Ensemble 'e'.*gain/);
  });

  it("throws BuildError for zero-length encoders and all-zero activities", () => {
    const net = new Network();
    net.ensemble({ nNeurons: 2, dimensions: 1, encoders: [[0], [1]] });
    expect(() => build(net)).toThrow(/encoders/);
    const net2 = new Network();
    const e = net2.ensemble({
      nNeurons: 2,
      dimensions: 1,
      neuronType: new RectifiedLinear(),
      encoders: [[1], [1]],
      gain: [1, 1],
      bias: [-5, -5],
      evalPoints: [[0.5], [1]],
    });
    net2.connect(e, net2.node({ sizeIn: 1 }), { label: "c" });
    expect(() => build(net2)).toThrow(BuildError);
    expect(() => build(net2)).toThrow(/Connection 'c'.*all zero/);
  });

  it("throws BuildError for a probe of a node without output", () => {
    const net = new Network();
    const n = net.node({ output: () => undefined as unknown as number, sizeOut: 0 });
    net.probe(n);
    expect(() => build(net)).toThrow(BuildError);
  });
});

describe("build: the registry", () => {
  it("takes neuron kernels by kind from the registry passed in", () => {
    let built = 0;
    const counting: NeuronKernelBuilder = (spec, ctx) => {
      built++;
      return neuronStepKernel(spec, ctx);
    };
    const registry: Registry = { ...defaultRegistry, neurons: { ...defaultRegistry.neurons, LIF: counting } };
    const net = new Network();
    net.ensemble({ nNeurons: 3, dimensions: 1, neuronType: new LIF() });
    net.ensemble({ nNeurons: 3, dimensions: 1, neuronType: new LIFRate() });
    net.ensemble({ nNeurons: 3, dimensions: 1, neuronType: new Direct() });
    build(net, { registry });
    expect(built).toBe(1);
    build(net);
    expect(built).toBe(1);
  });
});

describe("build: size checks", () => {
  it("refuses a decoded ensemble whose activity matrix no typed array can hold, naming it and the bytes, before building anything", () => {
    const net = new Network({ seed: 1 });
    const a = net.ensemble({ nNeurons: 2e6, dimensions: 1, label: "huge" });
    net.connect(a, net.node({ sizeIn: 1 }));
    // refused up front: no object is built (the build of its 2e6 gains and biases alone takes seconds)
    const ensemble = vi.fn(defaultRegistry.objects.ensemble);
    const registry: Registry = { ...defaultRegistry, objects: { ...defaultRegistry.objects, ensemble } };
    expect(() => build(net, { registry })).toThrow(BuildError);
    expect(() => build(net, { registry })).toThrow(
      /Ensemble 'huge': its activity matrix of its decoder solve \(4000000 eval points × 2000000 neurons\) needs 64000000000000 bytes \(58\.2 TiB\)/,
    );
    expect(ensemble).not.toHaveBeenCalled();
  });

  it("refuses eval points no typed array can hold, naming the ensemble and the bytes", () => {
    const net = new Network({ seed: 1 });
    net.ensemble({ nNeurons: 10, dimensions: 3, nEvalPoints: 2 ** 31 - 1, label: "points" });
    expect(() => build(net)).toThrow(BuildError);
    expect(() => build(net)).toThrow(/Ensemble 'points': its eval points \(2147483647 points × 3 dimensions\) needs 51539607528 bytes \(48\.0 GiB\)/);
  });
});
