// AssociativeMemory against Nengo 4.1 (reference/networks.json from gen_networks.py) and the
// ported tests of nengo/networks/tests/test_assoc_mem.py.
import { AssociativeMemory, Direct, LIF, Network, type Node, Rng } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { flat } from "../../../../test/support/reference.js";
import { maxAbsDiff, networksRef, type StructureRef, structureOf, structureOfRef } from "./support.js";

interface CaseRef {
  name: string;
  kwargs: {
    input_vectors: number[][];
    output_vectors?: number[][];
    threshold?: number | number[];
    input_scales?: number[];
    inhibitable?: boolean;
    n_neurons?: number;
  };
  extras: string[];
  default_vector: number[];
  test_vectors: number[][];
  in2_vectors: number[][];
  input: number[];
  in2: number[];
  inhibit: number;
  structure: StructureRef;
  [probe: `out_${string}`]: number[][];
}
const cases = networksRef["associative_memory"] as CaseRef[];

function build(parent: Network, c: CaseRef): AssociativeMemory {
  const k = c.kwargs;
  const am = parent.addNetwork(AssociativeMemory, {
    inputVectors: k.input_vectors,
    ...(k.output_vectors !== undefined ? { outputVectors: k.output_vectors } : {}),
    ...(k.threshold !== undefined ? { threshold: k.threshold } : {}),
    ...(k.input_scales !== undefined ? { inputScales: k.input_scales } : {}),
    ...(k.inhibitable !== undefined ? { inhibitable: k.inhibitable } : {}),
    ...(k.n_neurons !== undefined ? { nNeurons: k.n_neurons } : {}),
  });
  if (c.extras.includes("wta")) am.addWtaNetwork(1.2);
  if (c.extras.includes("default")) am.addDefaultOutputVector(c.default_vector, { nNeurons: 30, minActivationValue: 0.4 });
  if (c.extras.includes("threshold")) am.addThresholdToOutputs(25);
  if (c.extras.includes("mappings")) {
    am.addOutputMapping("test", c.test_vectors);
    am.addInputMapping("in2", c.in2_vectors, [0.5, 1, 1.5]);
  }
  return am;
}

describe("AssociativeMemory against Nengo 4.1", () => {
  for (const c of cases) {
    it(`has Nengo's structure: ensembles, transforms, synapses (${c.name}: ${c.extras.join(", ") || "no extras"})`, () => {
      expect(structureOf(build(new Network({ seed: 1 }), c))).toEqual(structureOfRef(c.structure));
    });

    it(`computes Nengo's Direct-mode outputs (${c.name})`, () => {
      const model = new Network({ seed: 0 });
      model.config.ensemble.neuronType = new Direct();
      const am = build(model, c);
      model.connect(model.node({ output: c.input }), am.input, { synapse: null });
      const mapped = c.extras.includes("mappings");
      if (mapped) {
        model.connect(model.node({ output: c.in2 }), defined(am.mappings["in2"]), { synapse: null });
        model.connect(model.node({ output: [c.inhibit] }), defined(am.inhibit), { synapse: null });
      }
      const targets: [string, Node][] = [
        ["output", am.output],
        ["utilities", am.utilities],
      ];
      if (mapped) targets.push(["test", defined(am.mappings["test"])], ["thresholded_utilities", defined(am.thresholdedUtilities)]);
      const probes = targets.map(([name, node]) => [name, model.probe(node, { synapse: null })] as const);
      const sim = new Simulator(model, { progress: false, dt: networksRef.dt });
      sim.runSteps(networksRef.steps);
      for (const [name, p] of probes) expect(maxAbsDiff(sim.data(p).data, flat(c[`out_${name}`])), name).toBeLessThan(1e-12);
    });
  }
});

// --- ported from nengo/networks/tests/test_assoc_mem.py
function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s += defined(a[i]) * defined(b[i]);
  return s;
}
/** Nengo's similarity(data, target): mean over the rows (and target rows) of data · target. */
function similarity(rows: readonly Float64Array[], target: ArrayLike<number>): number {
  return rows.reduce((s, r) => s + dot(r, target), 0) / rows.length;
}
function makeVocab(n: number, d: number, rng: Rng): number[][] {
  for (;;) {
    const vocab = Array.from({ length: n }, () => {
      const v = Array.from({ length: d }, () => rng.normal());
      const norm = Math.sqrt(dot(v, v));
      return v.map((x) => x / norm);
    });
    let s = 0;
    for (const a of vocab) for (const b of vocab) s += dot(a, b);
    if (s / (n * n) <= 0.2) return vocab;
  }
}
function rowsWhere(sim: Simulator, data: Float64Array, dims: number, pred: (t: number) => boolean): Float64Array[] {
  return Array.from(sim.trange()).flatMap((t, i) => (pred(t) ? [data.slice(i * dims, (i + 1) * dims)] : []));
}
const mean = (rows: readonly Float64Array[]): number[] => Array.from(defined(rows[0]), (_, j) => rows.reduce((s, r) => s + defined(r[j]), 0) / rows.length);
const scaled = (v: readonly number[], k: number): number[] => v.map((x) => x * k);
const added = (a: readonly number[], b: readonly number[]): number[] => a.map((x, i) => x + defined(b[i]));

function lifModel(seed: number): Network {
  const m = new Network({ label: "model", seed });
  m.config.ensemble.neuronType = new LIF();
  return m;
}

describe("nengo/networks/tests/test_assoc_mem.py", () => {
  const D = 64;

  it("test_am_basic", () => {
    expect(() => new AssociativeMemory({ inputVectors: [] })).toThrow(/cannot be 0/);
    const vocab = makeVocab(4, D, new Rng(1));
    const m = lifModel(1);
    const am = m.addNetwork(AssociativeMemory, { inputVectors: vocab });
    const inNode = m.node({ output: defined(vocab[0]), label: "input" });
    m.connect(inNode, am.input);
    const outP = m.probe(am.output, { synapse: 0.03 });
    const utilsP = m.probe(am.utilities, { synapse: 0.03 });
    const sim = new Simulator(m, { progress: false });
    sim.run(0.2);
    const late = (t: number): boolean => t > 0.15;
    expect(similarity(rowsWhere(sim, sim.data(outP).data, D, late), defined(vocab[0]))).toBeGreaterThan(0.95);
    expect(similarity(rowsWhere(sim, sim.data(utilsP).data, 4, late), [1, 0, 0, 0])).toBeGreaterThan(0.95);
    expect(similarity(rowsWhere(sim, sim.data(utilsP).data, 4, late), [0, 1, 1, 1])).toBeLessThan(0.001);
  }, 20_000);

  it("test_am_threshold", () => {
    const rng = new Rng(2);
    const vocab = makeVocab(4, D, rng);
    const vocab2 = makeVocab(4, D / 2, rng);
    const m = lifModel(2);
    const am = m.addNetwork(AssociativeMemory, { inputVectors: vocab, outputVectors: vocab2, threshold: 0.5 });
    const inNode = m.node({ output: (t: number) => scaled(defined(vocab[0]), t < 0.1 ? 0.49 : 0.8), label: "input" });
    m.connect(inNode, am.input);
    const outP = m.probe(am.output, { synapse: 0.03 });
    const utilsP = m.probe(am.utilities, { synapse: 0.03 });
    const sim = new Simulator(m, { progress: false });
    sim.run(0.3);
    const below = rowsWhere(sim, sim.data(outP).data, D / 2, (t) => t < 0.1);
    expect(mean(below).reduce((a, b) => a + b, 0) / (D / 2)).toBeLessThan(0.01);
    expect(
      similarity(
        rowsWhere(sim, sim.data(outP).data, D / 2, (t) => t > 0.25),
        defined(vocab2[0]),
      ),
    ).toBeGreaterThan(0.9);
    expect(
      similarity(
        rowsWhere(sim, sim.data(utilsP).data, 4, (t) => t > 0.25),
        [1, 0, 0, 0],
      ),
    ).toBeGreaterThan(0.95);
    expect(
      similarity(
        rowsWhere(sim, sim.data(utilsP).data, 4, (t) => t > 0.25),
        [0, 1, 1, 1],
      ),
    ).toBeLessThan(0.001);
  }, 20_000);

  it("test_am_wta", () => {
    const vocab = makeVocab(4, D, new Rng(3));
    const m = lifModel(3);
    const am = m.addNetwork(AssociativeMemory, { inputVectors: vocab });
    am.addWtaNetwork();
    const input = (t: number): number[] =>
      t < 0.2
        ? added(defined(vocab[0]), scaled(defined(vocab[1]), 0.8))
        : t < 0.3
          ? new Array<number>(D).fill(0)
          : added(scaled(defined(vocab[0]), 0.8), defined(vocab[1]));
    m.connect(m.node({ output: input, label: "input" }), am.input);
    const outP = m.probe(am.output, { synapse: 0.03 });
    const utilsP = m.probe(am.utilities, { synapse: 0.03 });
    const sim = new Simulator(m, { progress: false });
    sim.run(0.5);
    const moreA = (t: number): boolean => t > 0.15 && t < 0.2;
    const moreB = (t: number): boolean => t > 0.45;
    const out = sim.data(outP).data;
    const utils = sim.data(utilsP).data;
    expect(similarity(rowsWhere(sim, out, D, moreA), defined(vocab[0]))).toBeGreaterThan(0.79);
    expect(similarity(rowsWhere(sim, out, D, moreA), defined(vocab[1]))).toBeLessThan(0.1);
    expect(similarity(rowsWhere(sim, out, D, moreB), defined(vocab[1]))).toBeGreaterThan(0.79);
    expect(similarity(rowsWhere(sim, out, D, moreB), defined(vocab[0]))).toBeLessThan(0.1);
    expect(similarity(rowsWhere(sim, utils, 4, moreA), [1, 0, 0, 0])).toBeGreaterThan(0.95);
    expect(similarity(rowsWhere(sim, utils, 4, moreA), [0, 1, 1, 1])).toBeLessThan(0.001);
    expect(similarity(rowsWhere(sim, utils, 4, moreB), [0, 1, 0, 0])).toBeGreaterThan(0.95);
    expect(similarity(rowsWhere(sim, utils, 4, moreB), [1, 0, 1, 1])).toBeLessThan(0.001);
  }, 20_000);

  it("test_am_complex", () => {
    // Nengo's own vocabulary for this test (make_vocab, numpy seed 1; see gen_networks.py)
    const vocab = networksRef["am_complex_vocab"] as number[][];
    const vocab2 = vocab.slice(0, 4);
    const m = lifModel(4);
    const am = m.addNetwork(AssociativeMemory, { inputVectors: vocab2, inhibitable: true });
    am.addDefaultOutputVector(defined(vocab[5]));
    am.addThresholdToOutputs();
    const input = (t: number): number[] =>
      t < 0.25
        ? added(scaled(defined(vocab[0]), 0.6), scaled(defined(vocab[1]), 0.4))
        : t < 0.5
          ? added(scaled(defined(vocab[0]), 0.4), scaled(defined(vocab[1]), 0.6))
          : defined(vocab[4]);
    m.connect(m.node({ output: input, label: "input" }), am.input);
    m.connect(m.node({ output: (t: number) => (t > 0.75 ? 1 : 0), label: "inhib" }), defined(am.inhibit));
    const outP = m.probe(am.output, { synapse: 0.03 });
    const utilsP = m.probe(am.utilities, { synapse: 0.05 });
    const utilsThP = m.probe(defined(am.thresholdedUtilities), { synapse: 0.05 });
    const sim = new Simulator(m, { progress: false });
    sim.run(1.0);
    const moreA = (t: number): boolean => t >= 0.2 && t < 0.25;
    const moreB = (t: number): boolean => t >= 0.45 && t < 0.5;
    const allE = (t: number): boolean => t >= 0.7 && t < 0.75;
    const inhib = (t: number): boolean => t >= 0.95;
    const ones4 = [1, 1, 1, 1];
    for (const [p, firstTwo] of [
      [
        utilsP,
        [
          [0.9, 0.35],
          [0.35, 0.9],
        ],
      ],
      [
        utilsThP,
        [
          [0.9, 0.9],
          [0.9, 0.9],
        ],
      ],
    ] as const) {
      const d = sim.data(p).data;
      const [ma, mb] = [mean(rowsWhere(sim, d, 4, moreA)), mean(rowsWhere(sim, d, 4, moreB))];
      expect(ma[0]).toBeGreaterThan(firstTwo[0][0]);
      expect(ma[1]).toBeGreaterThan(firstTwo[0][1]);
      expect(Math.max(defined(ma[2]), defined(ma[3]))).toBeLessThan(0.01);
      expect(mb[0]).toBeGreaterThan(firstTwo[1][0]);
      expect(mb[1]).toBeGreaterThan(firstTwo[1][1]);
      expect(Math.max(defined(mb[2]), defined(mb[3]))).toBeLessThan(0.01);
      expect(similarity(rowsWhere(sim, d, 4, allE), ones4)).toBeLessThan(0.05);
      expect(similarity(rowsWhere(sim, d, 4, inhib), ones4)).toBeLessThan(0.05);
    }
    const out = sim.data(outP).data;
    expect(similarity(rowsWhere(sim, out, D, moreA), defined(vocab[0]))).toBeGreaterThan(0.7);
    expect(similarity(rowsWhere(sim, out, D, moreA), defined(vocab[1]))).toBeGreaterThan(0.7);
    expect(similarity(rowsWhere(sim, out, D, moreB), defined(vocab[0]))).toBeGreaterThan(0.7);
    expect(similarity(rowsWhere(sim, out, D, moreB), defined(vocab[1]))).toBeGreaterThan(0.7);
    expect(similarity(rowsWhere(sim, out, D, allE), defined(vocab[5]))).toBeGreaterThan(0.7);
    expect(similarity(rowsWhere(sim, out, D, inhib), new Array<number>(D).fill(1))).toBeLessThan(0.05);
  }, 20_000);

  it("test_repeat_config_warning: a second addThresholdToOutputs or addWtaNetwork changes nothing", () => {
    const am = new AssociativeMemory({ inputVectors: [[0]] });
    am.addThresholdToOutputs();
    const n = am.all("connection").length;
    am.addThresholdToOutputs();
    am.addWtaNetwork();
    am.addWtaNetwork();
    expect(am.all("connection").length).toBe(n + 1);
  });

  it("test_add_output_mapping", () => {
    const am = new AssociativeMemory({ inputVectors: makeVocab(4, 64, new Rng(6)) });
    const out = [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    expect(am.addOutputMapping("test", out)).toBe(am.mappings["test"]);
    expect(() => am.addOutputMapping("test", out)).toThrow(/Name .* already exists as a node/);
  });

  it("test_add_input_mapping", () => {
    const am = new AssociativeMemory({ inputVectors: makeVocab(4, 64, new Rng(7)) });
    const inp = [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    expect(am.addInputMapping("test", inp, [1, 2, 3, 4])).toBe(am.mappings["test"]);
    expect(() => am.addInputMapping("test", inp, [1, 2, 3, 4])).toThrow(/Name .* already exists as a node/);
    expect(() => am.addInputMapping("test2", inp, [1])).toThrow(/Number of input_scale values/);
  });

  it("test_associativememory_errors", () => {
    const vocab = makeVocab(4, 64, new Rng(8));
    expect(() => new AssociativeMemory({ inputVectors: [] })).toThrow(/Number of input vectors.*cannot be 0/);
    expect(() => new AssociativeMemory({ inputVectors: vocab, outputVectors: [new Array<number>(64).fill(0)] })).toThrow(
      /Number of input vectors.*does not match number of output vectors/,
    );
    expect(() => new AssociativeMemory({ inputVectors: vocab, threshold: [1] })).toThrow(/Number of threshold values.*does not match number of input vectors/);
  });

  it("test_associativememory_edge_cases", () => {
    const rng = new Rng(9);
    const vocab = makeVocab(4, 64, rng);
    const outVectors = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => rng.uniform(-1, 1)));
    const am = new Network({ seed: 9 }).addNetwork(AssociativeMemory, { inputVectors: vocab, threshold: [0.1, 0.2, 0.3, 0.4] });
    am.addThresholdToOutputs();
    am.addOutputMapping("test", outVectors);
    const conn = defined(am.outConns.find((c) => c.pre === defined(am.threshEns).output && c.post === am.mappings["test"]));
    expect(Array.from(defined(conn.denseTransform).data)).toEqual(defined(outVectors[0]).flatMap((_, j) => outVectors.map((r) => defined(r[j]))));
    am.addDefaultOutputVector(new Array<number>(64).fill(1));
    expect(am.defaultVectorInhibitConns.length).toBe(1);
    expect(defined(am.defaultVectorInhibitConns[0]).pre).toBe(defined(am.threshEns).output);
  });
});
