// Constructors called with hostile options (null, a number, a string, an array), labels and seeds
// of the wrong type, a wrong second argument and absurd sizes: each threw a TypeError, ran out of
// memory or carried NaN on; now each ends in a ValidationError that names the object.
import {
  Alpha,
  AssociativeMemory,
  BasalGanglia,
  BCM,
  BrownNoise,
  Choice,
  CircularConvolution,
  Config,
  Convolution,
  ConvolutionTranspose,
  CustomLearningRule,
  Dense,
  defaultNEvalPoints,
  Ensemble,
  EnsembleArray,
  FilteredNoise,
  InputGatedMemory,
  Integrator,
  LearningRule,
  LinearFilter,
  Lowpass,
  Lstsq,
  LstsqDrop,
  LstsqL2,
  LstsqL2nz,
  LstsqMultNoise,
  LstsqNoise,
  Network,
  Nnls,
  NnlsL2,
  NnlsL2nz,
  Node,
  NoSolver,
  NoTransform,
  Oja,
  Oscillator,
  PDF,
  PES,
  Piecewise,
  PresentInput,
  Product,
  RLS,
  Rng,
  Samples,
  ScatteredHypersphere,
  Sparse,
  Thalamus,
  Uniform,
  UniformHypersphere,
  ValidationError,
  Voja,
  WhiteNoise,
  WhiteSignal,
} from "@plexus/core";
import { describe, expect, it } from "vitest";
import { thrownBy } from "../support/thrown.js";

type Make = (options: unknown) => unknown;
const badOptions: readonly unknown[] = [null, 3, "s", [1, 2]];

/** Each constructor, taking its options argument from the caller (the other arguments valid). */
const makers: Record<string, Make> = {
  AssociativeMemory: (o) => new AssociativeMemory(o as never),
  BasalGanglia: (o) => new BasalGanglia(o as never),
  CircularConvolution: (o) => new CircularConvolution(o as never),
  EnsembleArray: (o) => new EnsembleArray(o as never),
  InputGatedMemory: (o) => new InputGatedMemory(o as never),
  Integrator: (o) => new Integrator(o as never),
  Oscillator: (o) => new Oscillator(o as never),
  Product: (o) => new Product(o as never),
  Thalamus: (o) => new Thalamus(o as never),
  Ensemble: (o) => new Ensemble(o as never),
  Node: (o) => new Node(o as never),
  Network: (o) => new Network(o as never),
  Dense: (o) => new Dense(o as never),
  Sparse: (o) => new Sparse(o as never),
  Convolution: (o) => new Convolution(o as never),
  ConvolutionTranspose: (o) => new ConvolutionTranspose(o as never),
  NoTransform: (o) => new NoTransform(o as never),
  Lstsq: (o) => new Lstsq(o as never),
  LstsqDrop: (o) => new LstsqDrop(o as never),
  LstsqL2: (o) => new LstsqL2(o as never),
  LstsqL2nz: (o) => new LstsqL2nz(o as never),
  LstsqNoise: (o) => new LstsqNoise(o as never),
  LstsqMultNoise: (o) => new LstsqMultNoise(o as never),
  Nnls: (o) => new Nnls(o as never),
  NnlsL2: (o) => new NnlsL2(o as never),
  NnlsL2nz: (o) => new NnlsL2nz(o as never),
  NoSolver: (o) => new NoSolver(o as never),
  PES: (o) => new PES(o as never),
  BCM: (o) => new BCM(o as never),
  Oja: (o) => new Oja(o as never),
  Voja: (o) => new Voja(o as never),
  RLS: (o) => new RLS(o as never),
  CustomLearningRule: (o) => new (CustomLearningRule as unknown as new (options: unknown) => unknown)(o),
  WhiteNoise: (o) => new WhiteNoise(o as never),
  WhiteSignal: (o) => new WhiteSignal(1, 5, o as never),
  FilteredNoise: (o) => new FilteredNoise(o as never),
  BrownNoise: (o) => new BrownNoise(o as never),
  PresentInput: (o) => new PresentInput(o as never),
  Piecewise: (o) => new Piecewise({ 0: 1 }, o as never),
  UniformHypersphere: (o) => new UniformHypersphere(o as never),
  ScatteredHypersphere: (o) => new ScatteredHypersphere(o as never),
  Choice: (o) => new Choice([1, 2], o as never),
  Uniform: (o) => new Uniform(0, 1, o as never),
  LinearFilter: (o) => new LinearFilter([1], [1, 1], o as never),
};

describe("constructors refuse a wrong-typed options argument with a ValidationError naming the object", () => {
  it.each(Object.entries(makers))("%s (a TypeError before)", (name, make) => {
    for (const bad of badOptions) {
      const e = thrownBy(ValidationError, () => make(bad));
      expect(e.message).toContain(name === "PresentInput" ? "PresentInput" : `${name}.options: must be an options object`);
    }
  });

  it("the Network methods refuse wrong-typed options (null was spread as no options)", () => {
    const net = new Network();
    const a = net.node({ sizeIn: 1 });
    const b = net.node({ sizeIn: 1 });
    for (const bad of badOptions) {
      expect(() => net.ensemble(bad as never)).toThrow(/^Ensemble\.options: must be an options object/);
      expect(() => net.node(bad as never)).toThrow(/^Node\.options: must be an options object/);
      expect(() => net.connect(a, b, bad as never)).toThrow(/^Connection\.options: must be an options object/);
      expect(() => net.probe(a, bad as never)).toThrow(/^Probe\.options: must be an options object/);
    }
    expect(net.connect(a, b, {}).pre).toBe(a);
  });

  it("distributions, filters and Piecewise refuse wrong-typed positional arguments", () => {
    expect(() => new Choice(null as never)).toThrow(/^Choice\.options: must be an array of options .*\(got null\)/);
    expect(() => new Choice(3 as never)).toThrow(ValidationError);
    expect(() => new LinearFilter([1], undefined as never)).toThrow(/^LinearFilter\.den: must be an array of coefficients \(got undefined\)/);
    expect(() => new LinearFilter(null as never, [1])).toThrow(/LinearFilter\.num/);
    expect(() => new Piecewise(null as never)).toThrow(/^Piecewise\.data: must be a Map or an object of time: value \(got null\)/);
    expect(() => new Piecewise([1, 2] as never)).toThrow(ValidationError);
    for (const bad of [null, 3, "s", [], [[1], [1, 2]], [Number.NaN]]) {
      expect(() => new Samples(bad as never), String(bad)).toThrow(/^Samples\.samples: /);
      expect(() => new PDF(bad as never, [1]), String(bad)).toThrow(/^PDF\.(x|p): /);
      expect(() => new PDF([0], bad as never), String(bad)).toThrow(/^PDF\.p: /);
    }
    expect(() => new PDF([0, 1], [0.5, Number.POSITIVE_INFINITY])).toThrow(/^PDF\.p: must hold finite numbers/);
    expect(() => new Samples([1, 2]).sample(2, -1, new Rng(0))).toThrow(/^Samples\.d: /);
    expect(new Choice([1, 2]).nOptions).toBe(2);
    expect(new Lowpass(0.005).den).toHaveLength(2);
    expect(new Alpha(0.005).den).toHaveLength(3);
  });

  it("LearningRule (exported; connect() makes it) refuses a missing connection or rule (it read sizeIn of undefined)", () => {
    expect(() => new LearningRule(null as never, new PES())).toThrow(/^LearningRule\.connection: must be the Connection whose weights it learns \(got null\)/);
    const net = new Network();
    const a = net.ensemble({ nNeurons: 5, dimensions: 1 });
    const c = net.connect(a, net.ensemble({ nNeurons: 5, dimensions: 1 }));
    expect(() => new LearningRule(c, null as never)).toThrow(/^LearningRule\.rule: must be a learning rule type/);
    expect(new LearningRule(c, new PES()).errorSize).toBe(1);
  });
});

describe("labels and seeds", () => {
  const labelled: Record<string, (label: unknown) => unknown> = {
    Ensemble: (label) => new Ensemble({ nNeurons: 2, dimensions: 1, label } as never),
    Node: (label) => new Node({ sizeIn: 1, label } as never),
    Network: (label) => new Network({ label } as never),
    BasalGanglia: (label) => new BasalGanglia({ dimensions: 1, label } as never),
    Thalamus: (label) => new Thalamus({ dimensions: 1, label } as never),
    EnsembleArray: (label) => new EnsembleArray({ nNeurons: 2, nEnsembles: 1, label } as never),
    Integrator: (label) => new Integrator({ recurrentTau: 0.1, nNeurons: 2, dimensions: 1, label } as never),
  };

  it.each(Object.entries(labelled))("%s refuses a symbol, number or object label (a symbol threw a TypeError)", (name, make) => {
    for (const bad of [Symbol("s"), 3, {}]) {
      expect(thrownBy(ValidationError, () => make(bad)).message).toMatch(new RegExp(`^${name}\\.label: must be a string`));
    }
    expect(make("ok")).toHaveProperty("label", "ok");
  });

  it("objects and processes refuse a seed that is not a finite integer (the build's Rng found it, naming Rng)", () => {
    for (const seed of [1.5, NaN, Infinity, "3", Symbol("s")]) {
      expect(() => new Network({ seed } as never)).toThrow(/^Network\.seed: must be a finite integer/);
      expect(() => new Ensemble({ nNeurons: 2, dimensions: 1, label: "e", seed } as never)).toThrow(/^Ensemble 'e'\.seed: must be a finite integer/);
      expect(() => new EnsembleArray({ nNeurons: 2, nEnsembles: 1, seed } as never)).toThrow(/^EnsembleArray\.seed/);
      expect(() => new WhiteNoise({ seed } as never)).toThrow(/^WhiteNoise\.seed: must be a finite integer/);
      expect(() => new PresentInput({ inputs: [[0]], presentationTime: 0.1, seed } as never)).toThrow(/^PresentInput\.seed/);
    }
    expect(new Network({ seed: -3 }).seed).toBe(-3);
    expect(new WhiteNoise({ seed: 7 }).seed).toBe(7);
  });
});

describe("library networks", () => {
  it("refuse a second argument that is not a Config (NaN gave 'this.parent.defaults is not a function')", () => {
    const second: [string, (c: unknown) => unknown][] = [
      ["Integrator", (c) => new Integrator({ recurrentTau: 0.1, nNeurons: 2, dimensions: 1 }, c as never)],
      ["Oscillator", (c) => new Oscillator({ recurrentTau: 0.1, frequency: 1, nNeurons: 2 }, c as never)],
      ["Product", (c) => new Product({ nNeurons: 2, dimensions: 1 }, c as never)],
      ["EnsembleArray", (c) => new EnsembleArray({ nNeurons: 2, nEnsembles: 1 }, c as never)],
      ["Thalamus", (c) => new Thalamus({ dimensions: 1 }, c as never)],
      ["Network", (c) => new Network({}, c as never)],
    ];
    for (const [name, make] of second) {
      for (const bad of [NaN, null, {}, "config"]) {
        expect(thrownBy(ValidationError, () => make(bad)).message).toMatch(new RegExp(`^${name}\\.parentConfig: must be a Config`));
      }
      expect(make(undefined)).toBeInstanceOf(Network);
      expect(make(new Config())).toBeInstanceOf(Network);
    }
  });

  it("refuse sizes that would create absurdly many ensembles, before allocating them (BasalGanglia 1e9 ran out of memory)", () => {
    expect(thrownBy(ValidationError, () => new BasalGanglia({ dimensions: 1e9 })).message).toMatch(
      /^BasalGanglia 'Basal Ganglia'\.dimensions: must be at most 20000 \(got 1000000000\): the network would create 5000000000 ensembles/,
    );
    expect(() => new EnsembleArray({ nNeurons: 1, nEnsembles: 1e9 })).toThrow(/^EnsembleArray\.nEnsembles: must be at most 100000/);
    expect(() => new Thalamus({ dimensions: 1e9 })).toThrow(/^Thalamus 'Thalamus'\.dimensions: must be at most/);
    expect(() => new Thalamus({ dimensions: 10_000 })).toThrow(/would build a dense 10000×10000 transform/);
    expect(() => new CircularConvolution({ nNeurons: 1, dimensions: 1e9 })).toThrow(/^CircularConvolution 'Circular convolution'\.dimensions: must be at most/);
    expect(() => new CircularConvolution({ nNeurons: 1, dimensions: 10_000 })).toThrow(/dense 10000×10000 transform/);
    expect(() => new Product({ nNeurons: 1, dimensions: 1e9 })).toThrow(/^Product 'Product'\.dimensions: must be at most 50000/);
    expect(() => new InputGatedMemory({ nNeurons: 1, dimensions: 1e9 })).toThrow(/^InputGatedMemory 'Input gated memory'\.dimensions: must be at most/);
    const many = { length: 1e9 } as unknown as number[][];
    expect(() => new AssociativeMemory({ inputVectors: many, outputVectors: many })).toThrow(/^AssociativeMemory\.inputVectors: must be at most 100000/);
    expect(() => new AssociativeMemory({ inputVectors: null as never })).toThrow(/^AssociativeMemory\.inputVectors: must be an array of vectors \(got null\)/);
    // sizes at or below the limits, and the old messages for non-integers, stand
    expect(new EnsembleArray({ nNeurons: 1, nEnsembles: 3 }).nEnsembles).toBe(3);
    expect(() => new BasalGanglia({ dimensions: NaN })).toThrow(/^BasalGanglia 'Basal Ganglia'\.dimensions: must be an integer >= 1 \(got NaN\)/);
    expect(() => new EnsembleArray({ nNeurons: 1, nEnsembles: 1.5 })).toThrow(/nEnsembles: must be an integer >= 1 \(got 1.5\)/);
  });
});

describe("defaultNEvalPoints", () => {
  it("refuses a non-finite or non-integer argument (NaN was returned)", () => {
    expect(thrownBy(ValidationError, () => defaultNEvalPoints(NaN, 1)).message).toMatch(/^defaultNEvalPoints\.nNeurons: must be an integer >= 1 \(got NaN\)/);
    expect(() => defaultNEvalPoints(10, Infinity)).toThrow(/^defaultNEvalPoints\.dimensions/);
    expect(() => defaultNEvalPoints(1.5, 1)).toThrow(ValidationError);
    expect(() => defaultNEvalPoints("3" as never, 1)).toThrow(ValidationError);
    expect(defaultNEvalPoints(10, 1)).toBe(750);
    expect(defaultNEvalPoints(2000, 3)).toBe(4000);
  });
});
