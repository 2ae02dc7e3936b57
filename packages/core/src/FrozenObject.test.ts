import { describe, expect, it } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { ValidationError } from "./errors.js";
import {
  AdaptiveLIF,
  AdaptiveLIFRate,
  Alpha,
  BrownNoise,
  Choice,
  CosineSimilarity,
  Direct,
  Distribution,
  Exponential,
  FilteredNoise,
  type FrozenObject,
  freezeParameters,
  Gaussian,
  Izhikevich,
  LIF,
  LIFRate,
  LinearFilter,
  Lowpass,
  Lstsq,
  LstsqDrop,
  LstsqL2,
  LstsqL2nz,
  LstsqMultNoise,
  LstsqNoise,
  Nnls,
  NnlsL2,
  NnlsL2nz,
  NoSolver,
  PDF,
  PES,
  Piecewise,
  PoissonSpiking,
  PresentInput,
  Process,
  QuasirandomSequence,
  RectifiedLinear,
  RegularSpiking,
  Rng,
  Samples,
  ScatteredHypersphere,
  Sigmoid,
  SoftLIFRate,
  SpikingRectifiedLinear,
  SqrtBeta,
  StochasticSpiking,
  SubvectorLength,
  Tanh,
  Triangle,
  Uniform,
  UniformHypersphere,
  WhiteNoise,
  WhiteSignal,
} from "./index.js";
import { encodeObject, rebuildObject } from "./serialize/networkSpec.js";

const thrown = (f: () => unknown): ValidationError => thrownBy(ValidationError, f);

/** Assigns `value` to `obj[attr]` past TypeScript's readonly, as JavaScript code could. */
function assign(obj: object, attr: string | number, value: unknown): void {
  (obj as Record<string | number, unknown>)[attr] = value;
}

/** Nengo's `test_frozen` pattern: a and b made alike are equal with equal keys; c differs from both. */
function expectFrozenEquality(a: FrozenObject, b: FrozenObject, c: FrozenObject): void {
  expect(a.equals(a)).toBe(true);
  expect(a.key).toBe(a.key);
  expect(a.equals(b)).toBe(true);
  expect(a.key).toBe(b.key);
  expect(a.equals(c)).toBe(false);
  expect(a.key).not.toBe(c.key);
  expect(b.equals(c)).toBe(false);
}

/** One object of every built-in frozen class, made with non-default parameters where it has any. */
const everyBuiltIn = (): FrozenObject[] => [
  new LIF({ tauRc: 0.03 }),
  new LIFRate({ tauRef: 0.003 }),
  new AdaptiveLIF({ tauN: 0.5 }),
  new AdaptiveLIFRate({ incN: 0.02 }),
  new Izhikevich({ coupling: 0.3 }),
  new RectifiedLinear({ amplitude: 2 }),
  new SpikingRectifiedLinear(),
  new Sigmoid({ tauRef: 0.004 }),
  new Tanh(),
  new SoftLIFRate({ sigma: 0.5 }),
  new Direct(),
  new PoissonSpiking(new LIFRate()),
  new RegularSpiking(new LIFRate()),
  new StochasticSpiking(new LIFRate()),
  new Uniform(-0.3, 0.6),
  new Gaussian(0.3, 0.2),
  new Exponential(0.5),
  new Choice([1, 2, 3]),
  new Choice(
    [
      [1, 0],
      [0, 1],
      [-1, 0],
    ],
    { weights: [0.1, 0.7, 0.3] },
  ),
  new SqrtBeta(4),
  new SubvectorLength(8, 2),
  new CosineSimilarity(6),
  new UniformHypersphere({ surface: true }),
  new ScatteredHypersphere(),
  new QuasirandomSequence(),
  new PDF([0, 1, 2], [0.25, 0.5, 0.25]),
  new Samples([
    [1, 2],
    [3, 4],
  ]),
  new Samples([5, 6, 7]),
  new WhiteNoise({ dist: new Gaussian(0.3, 0.2) }),
  new FilteredNoise({ synapse: new Lowpass(0.02) }),
  new BrownNoise({ seed: 3 }),
  new WhiteSignal(1, 5),
  new PresentInput({
    inputs: [
      [1, 3],
      [2, 4],
    ],
    presentationTime: 0.1,
    seed: 4,
  }),
  new WhiteSignal(2, 3, { rms: 0.2, y0: 0.1 }),
  new Piecewise({ 0: 1, 0.5: 2 }),
  new Piecewise({ 0: [1, 2], 0.5: [2, 3] }, { interpolation: "linear" }),
  new LinearFilter([1], [0.04, 1]),
  new Lowpass(0.005),
  new Alpha(0.01),
  new Triangle(0.02),
  new Lstsq(),
  new LstsqDrop(),
  new LstsqL2({ reg: 0.2 }),
  new LstsqL2nz(),
  new LstsqNoise(),
  new LstsqMultNoise(),
  new Nnls(),
  new NnlsL2(),
  new NnlsL2nz(),
  new NoSolver(),
  new PES({ learningRate: 2e-3 }),
];

describe("frozen objects (Nengo's FrozenObject): parameters read-only at run time, equality by value", () => {
  it("test_neurons.py::test_frozen", () => {
    expectFrozenEquality(new LIF(), new LIF(), new LIF({ tauRc: 0.3 }));
    const [a, d] = [new LIF(), new Izhikevich()];
    expect(a.equals(d)).toBe(false);
    expect(a.key).not.toBe(d.key);
    expect(thrown(() => assign(a, "tauRc", 0.3)).attr).toBe("tauRc");
    expect(thrown(() => assign(d, "coupling", 8)).attr).toBe("coupling");
    expect(a.tauRc).toBe(0.02);
    expect(d.coupling).toBe(0.2);
  });

  it("test_dists.py::test_frozen", () => {
    expectFrozenEquality(new Uniform(-0.3, 0.6), new Uniform(-0.3, 0.6), new Uniform(-0.2, 0.6));
  });

  it("test_processes.py::test_frozen: the dist parameter and the dist object are both frozen", () => {
    const a = new WhiteNoise({ dist: new Gaussian(0.3, 0.2) });
    const b = new WhiteNoise({ dist: new Gaussian(0.3, 0.2) });
    const c = new FilteredNoise({ dist: new Gaussian(0.3, 0.2), synapse: new Lowpass(0.02) });
    expectFrozenEquality(a, b, c);
    expect(a.equals(new WhiteNoise({ dist: new Gaussian(0.3, 0.5) }))).toBe(false);
    expect(thrown(() => assign(a, "dist", new Gaussian(0.3, 0.5))).message).toMatch(/^WhiteNoise\.dist: is read-only: a process is frozen once made/);
    expect(thrown(() => assign(a.dist, "std", 0.4)).message).toMatch(/^Gaussian\.std: is read-only: a distribution is frozen once made/);
    expect((a.dist as Gaussian).std).toBe(0.2);
  });

  it("test_synapses.py::test_frozen: coefficient arrays refuse assignment to an entry with a ValidationError", () => {
    const a = new LinearFilter([1], [0.04, 1]);
    expectFrozenEquality(a, new LinearFilter([1], [0.04, 1]), new LinearFilter([1], [0.04, 1.1]));
    const e = thrown(() => assign(a.den, 0, 9));
    expect(e.attr).toBe("den[0]");
    expect(e.message).toMatch(/^LinearFilter\.den\[0\]: is read-only: a synapse is frozen once made/);
    expect(a.den).toEqual([0.04, 1]);
    expect(thrown(() => (a.num as number[]).push(2)).attr).toMatch(/^num/);
    expect(a.num).toEqual([1]);
    // still an array for every reader
    expect(Array.isArray(a.den)).toBe(true);
    expect([...a.den]).toEqual([0.04, 1]);
    expect(JSON.stringify(a.den)).toBe("[0.04,1]");
  });

  it("a neuron type's initial state is a frozen copy: the caller's object may change, its entries refuse assignment", () => {
    const given: Record<string, number> = { voltage: 0.5 };
    const lif = new LIF({ initialState: given });
    given["voltage"] = 0.9;
    expect(lif.initialState["voltage"]).toBe(0.5);
    const e = thrown(() => assign(lif.initialState, "voltage", 0.1));
    expect(e.attr).toBe("initialState.voltage");
    expect(e.message).toMatch(/^LIF\.initialState\.voltage: is read-only: a neuron type is frozen once made/);
    expect(thrown(() => assign(lif.initialState, "refractoryTime", 0)).attr).toBe("initialState.refractoryTime");
    expect(lif.initialState).toEqual({ voltage: 0.5 });
    expect(lif.equals(new LIF({ initialState: { voltage: 0.5 } }))).toBe(true);
    expect(lif.equals(new LIF({ initialState: { voltage: 0.4 } }))).toBe(false);
    // an initial state that is not a record was ignored; it is refused
    for (const bad of [5, "v", [0.5], new Float64Array(2)]) {
      expect(thrown(() => new LIF({ initialState: bad as never })).attr, String(bad)).toBe("initialState");
    }
  });

  it("test_learning_rules.py::test_frozen", () => {
    const a = new PES({ learningRate: 2e-3, preSynapse: 4e-3 });
    expectFrozenEquality(a, new PES({ learningRate: 2e-3, preSynapse: 4e-3 }), new PES({ learningRate: 2e-3, preSynapse: 5e-3 }));
    expect(thrown(() => assign(a, "learningRate", 1e-1)).attr).toBe("learningRate");
  });

  it("every built-in class: each parameter refuses assignment, the object is unchanged, and equal parameters give equal objects", () => {
    const made = everyBuiltIn();
    const again = everyBuiltIn();
    for (const [i, obj] of made.entries()) {
      const twin = again[i] as FrozenObject;
      expect(obj.equals(twin), obj.key).toBe(true);
      expect(obj.key).toBe(twin.key);
      const params = Object.keys(obj);
      expect(params.length, obj.typeName).toBeGreaterThan(0);
      for (const attr of params) {
        const before = (obj as unknown as Record<string, unknown>)[attr];
        const e = thrown(() => assign(obj, attr, 0.5));
        expect(e.attr, `${obj.typeName}.${attr}`).toBe(attr);
        expect(e.message).toContain(`${obj.typeName}.${attr}: is read-only`);
        expect(e.message).toContain(`make a new ${obj.typeName}`);
        expect((obj as unknown as Record<string, unknown>)[attr]).toBe(before);
        expect(() => Object.defineProperty(obj, attr, { value: 1 })).toThrow();
        expect(() => delete (obj as unknown as Record<string, unknown>)[attr]).toThrow();
      }
      expect(obj.key, obj.typeName).toBe(twin.key);
    }
    // no two different built-ins are equal
    for (const [i, a] of made.entries()) for (const [j, b] of made.entries()) if (i !== j) expect(a.equals(b), `${a.key} vs ${b.key}`).toBe(false);
  });

  it("a frozen object encodes as before: every built-in rebuilds from its saved form to an equal, frozen object", () => {
    for (const obj of everyBuiltIn()) {
      const { json, problems } = encodeObject(obj);
      expect(problems, obj.typeName).toEqual([]);
      const back = rebuildObject(JSON.parse(JSON.stringify(json))) as FrozenObject;
      expect(back.equals(obj), `${back.key} vs ${obj.key}`).toBe(true);
      if (obj instanceof Process) expect((back as Process).apply(30), obj.typeName).toEqual(obj.apply(30));
      if (obj instanceof Distribution) {
        // Samples gives back only its own shape
        const [n, d] = obj instanceof Samples ? [obj.nSamples, obj.dimensions === 0 ? undefined : obj.dimensions] : [7, undefined];
        expect((back as Distribution).sample(n, d, new Rng(5)), obj.typeName).toEqual(obj.sample(n, d, new Rng(5)));
      }
      const [attr] = Object.keys(back);
      expect(thrown(() => assign(back, attr as string, 0.5)).attr).toBe(attr);
    }
  });

  it("a subclass written outside Plexus stays mutable unless it freezes itself; freezing it then refuses assignment", () => {
    class Constant extends Process {
      readonly kind = "Constant";
      readonly defaultSizeOut = 1;
      value: number;
      constructor(value: number, freeze = false) {
        super();
        this.value = value;
        if (freeze) freezeParameters(this);
      }
      makeStep() {
        return (_t: number, _x: Float64Array, out: Float64Array) => out.fill(this.value);
      }
    }
    const open = new Constant(1);
    open.value = 2;
    expect(open.value).toBe(2);
    expect(open.equals(new Constant(2))).toBe(true);
    const closed = new Constant(1, true);
    expect(thrown(() => assign(closed, "value", 2)).message).toMatch(/^Constant\.value: is read-only: a process is frozen once made/);
    expect(closed.apply(2)).toEqual(new Float64Array([1, 1]));
  });

  it("a key follows a cycle in a custom parameter without recursing for ever", () => {
    class Holder extends Process {
      readonly kind = "Holder";
      readonly defaultSizeOut = 1;
      readonly self: { holder?: unknown } = {};
      constructor() {
        super();
        this.self.holder = this.self;
      }
      makeStep() {
        return () => {};
      }
    }
    expect(new Holder().key).toContain("<cycle>");
    expect(new Holder().equals(new Holder())).toBe(true);
  });
});
