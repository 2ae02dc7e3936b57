// Ports of Nengo 4.1's PES tests (nengo/tests/test_learning_rules.py, test names kept in the
// titles): PES on decoded connections, into neurons, from neurons and on full weights. Nengo's
// `rng.uniform` initial weights are replaced by fixed values in the same range; the networks,
// run times, assertions and tolerances are Nengo's.
import {
  Alpha,
  type ConnectionSource,
  LIF,
  LIFRate,
  Lowpass,
  LstsqL2,
  Network,
  type NeuronType,
  PES,
  type Slice,
  type SynapseLike,
  ValidationError,
  WhiteSignal,
} from "@plexus/core";
import { describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { Simulator } from "../../src/Simulator.js";
import { allclose, rows, uniformWeights } from "./ruleNets.js";

interface PesOptions {
  readonly neuronType?: () => NeuronType;
  readonly preNeurons?: boolean;
  readonly postNeurons?: boolean;
  readonly weightSolver?: boolean;
  readonly vin?: readonly number[];
  readonly vout?: readonly number[];
  readonly n?: number;
  readonly fn?: (x: Float64Array) => number[];
  readonly transform?: number | number[][];
  readonly rate?: number;
  readonly postSlice?: { start: number; stop: number };
}

/** Nengo's `_test_pes`: learn vin → vout on pre → post through an error ensemble, and check the end of the run. */
function testPes(o: PesOptions): void {
  const vin = o.vin ?? [0.5, -0.5];
  const vout = o.vout ?? vin;
  const n = o.n ?? 200;
  const net = new Network({ seed: 11 });
  const ensemble = (d: number) => net.ensemble({ nNeurons: n, dimensions: d, ...(o.neuronType !== undefined ? { neuronType: o.neuronType() } : {}) });
  const stim = net.node({ output: [...vin] });
  const target = net.node({ output: [...vout] });
  const preEns = ensemble(vin.length);
  const postEns = ensemble(vin.length);
  const error = ensemble(vout.length);
  net.connect(stim, preEns);
  const pre: ConnectionSource = o.preNeurons ? preEns.neurons : preEns;
  const post = o.postNeurons ? postEns.neurons : postEns;
  // with post neurons and a post slice the slice is in neuron space, and the decoded output stays whole
  const decodedSlice: Slice | undefined = o.postSlice !== undefined && !o.postNeurons ? o.postSlice : undefined;
  const conn = net.connect(pre, post, {
    ...(o.fn !== undefined ? { function: o.fn } : {}),
    transform: o.transform ?? 1,
    learningRule: new PES({ learningRate: o.rate ?? 1e-3 }),
    ...(o.weightSolver ? { solver: new LstsqL2({ weights: true }) } : {}),
    ...(o.postSlice !== undefined ? { postSlice: o.postSlice } : {}),
  });
  net.connect(target, error, { transform: -1 });
  if (decodedSlice !== undefined) net.connect(postEns, error, { preSlice: decodedSlice });
  else net.connect(postEns, error);
  net.connect(error, ruleOf(conn));
  const postP = net.probe(postEns, { synapse: 0.03, ...(decodedSlice !== undefined ? { slice: decodedSlice } : {}) });
  const errorP = net.probe(error, { synapse: 0.03 });
  const weightsP = net.probe(conn, { attr: "weights", sampleEvery: 0.01 });
  const sim = new Simulator(net, { progress: false });
  sim.run(0.5);
  const t = sim.trange();
  const post_ = rows(sim.data(postP).data, vout.length);
  const err = rows(sim.data(errorP).data, vout.length);
  t.forEach((tk, k) => {
    if (tk <= 0.4) return;
    expect(allclose(post_[k] ?? [], vout, 0.05), `post at t=${tk}`).toBe(true);
    expect(allclose(err[k] ?? [], new Array<number>(vout.length).fill(0), 0.05), `error at t=${tk}`).toBe(true);
  });
  const { data, shape } = sim.data(weightsP);
  const weights = rows(data, shape[1]);
  expect(allclose(weights[0] ?? [], weights.at(-1) ?? [], 1e-5)).toBe(false);
}

const ruleOf = (conn: { learningRule: import("@plexus/core").LearningRule | null }) => {
  if (conn.learningRule === null) throw new Error("no learning rule");
  return conn.learningRule;
};

describe("nengo/tests/test_learning_rules.py (PES)", () => {
  for (const [name, make] of [
    ["LIF", () => new LIF()],
    ["LIFRate", () => new LIFRate()],
  ] as const) {
    it(`test_pes_ens_ens[${name}]: learns a swap between two ensembles`, () => testPes({ neuronType: make, fn: (x) => [x[1] ?? 0, x[0] ?? 0] }));
  }
  it("test_pes_weight_solver: learns the swap on full weights (LstsqL2 weights: true), through the post encoders", () =>
    testPes({ neuronType: () => new LIF(), fn: (x) => [x[1] ?? 0, x[0] ?? 0], weightSolver: true }));
  it("test_pes_ens_slice: learns into a slice of the post ensemble", () =>
    testPes({ neuronType: () => new LIF(), vout: [0.5 ** 2 + 0.5 ** 2], fn: (x) => [(x[0] ?? 0) - (x[1] ?? 0)], postSlice: { start: 0, stop: 1 } }));
  it("test_pes_neuron_neuron: learns on a neuron-to-neuron weight matrix", () =>
    testPes({ neuronType: () => new LIF(), preNeurons: true, postNeurons: true, transform: uniformWeights(200, 200, 4e-4), rate: 7e-4 }));
  it("test_pes_neuron_neuron_slice: learns into a slice of the post neurons", () =>
    testPes({
      neuronType: () => new LIF(),
      preNeurons: true,
      postNeurons: true,
      transform: uniformWeights(100, 200, 4e-4),
      rate: 7e-4,
      postSlice: { start: 0, stop: 100 },
    }));
  it("test_pes_neuron_ens: learns from neurons into an ensemble", () =>
    testPes({ neuronType: () => new LIF(), preNeurons: true, transform: uniformWeights(2, 200, 1e-4) }));
  it("test_pes_ens_neurons: learns from an ensemble into neurons", () =>
    testPes({ neuronType: () => new LIF(), postNeurons: true, transform: Array.from({ length: 200 }, () => [1, 1]), rate: 1e-4 }));

  for (const [name, synapse] of [
    ["0", 0],
    ["Lowpass(0.05)", new Lowpass(0.05)],
    ["Alpha(0.005)", new Alpha(0.005)],
  ] as const) {
    it(`test_pes_synapse[${name}]: the rule's activities are the pre neurons filtered by preSynapse, one step earlier`, () => {
      const net = new Network({ seed: 12 });
      const stim = net.node({ output: new WhiteSignal(0.5, 10) });
      const x = net.ensemble({ nNeurons: 100, dimensions: 1 });
      net.connect(stim, x, { synapse: null });
      const conn = net.connect(x, x, { learningRule: new PES({ preSynapse: synapse as SynapseLike }) });
      const pNeurons = net.probe(x.neurons, { synapse: synapse as SynapseLike });
      const pPes = net.probe(ruleOf(conn), { attr: "activities" });
      const sim = new Simulator(net, { progress: false });
      sim.run(0.5);
      const neurons = sim.data(pNeurons).data;
      const pes = sim.data(pPes).data;
      expect(allclose(neurons.subarray(100), pes.subarray(0, pes.length - 100))).toBe(true);
    });
  }

  for (const weights of [false, true]) {
    it(`test_pes_recurrent_slice[${weights}]: PES on a recurrent connection into one dimension drives it high, not the other`, () => {
      const net = new Network({ seed: 13 });
      const err = net.node({ output: [-1] });
      const stim = net.node({ output: [0, 0] });
      const post = net.ensemble({ nNeurons: 50, dimensions: 2, radius: 2 });
      net.connect(stim, post);
      const conn = net.connect(post, post, {
        postSlice: [1],
        function: () => 0,
        solver: new LstsqL2({ weights }),
        learningRule: new PES({ learningRate: 5e-4 }),
      });
      net.connect(err, ruleOf(conn));
      const p = net.probe(post, { synapse: 0.025 });
      const sim = new Simulator(net, { progress: false });
      sim.run(0.2);
      const last = rows(sim.data(p).data, 2).slice(-10);
      expect(
        allclose(
          last.map((r) => r[0] ?? Number.NaN),
          new Array<number>(10).fill(0),
          0.2,
        ),
      ).toBe(true);
      for (const r of last) expect(r[1]).toBeGreaterThan(0.8);
    });
  }

  it("test_pes_transform: PES learns through a function and a transform (error in the transformed space)", () => {
    const T = [[0.5], [-0.5]];
    const m = new Network({ seed: 14 });
    const u = m.node({ output: [1] });
    const a = m.ensemble({ nNeurons: 200, dimensions: 1 });
    const b = m.node({ sizeIn: 2 });
    const e = m.node({ sizeIn: 1 });
    m.connect(u, a);
    const learned = m.connect(a, b, { function: () => [0], transform: T, learningRule: new PES({ learningRate: 1e-3 }) });
    expect(learned.postSize).toBe(2);
    expect(learned.sizeMid).toBe(1);
    m.connect(b, e, { preSlice: [0], synapse: null });
    m.connect(m.node({ output: -1 }), e);
    m.connect(e, ruleOf(learned), { transform: T, synapse: null });
    const pB = m.probe(b, { synapse: 0.05 });
    const sim = new Simulator(m, { progress: false });
    sim.run(1.0);
    const t = sim.trange();
    rows(sim.data(pB).data, 2).forEach((r, k) => {
      if ((t[k] ?? 0) > 0.7) expect(allclose(r, [1, -1], 1e-2)).toBe(true);
    });
  });

  it("test_pes_cycle: PES builds when the connection's output feeds back into its error", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const b = net.node({ sizeIn: 1 });
    const c = net.connect(a, b, { synapse: null, learningRule: new PES() });
    net.connect(b, ruleOf(c), { synapse: null });
    expect(() => new Simulator(net, { progress: false })).not.toThrow();
  });

  it("test_pes_adv_idx: advanced indexing into neurons is refused with a typed error naming the connection", () => {
    const net = new Network();
    const pre = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const post = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const make = () =>
      net.connect(pre.neurons, post.neurons, {
        postSlice: [0, 2, 3],
        learningRule: new PES(),
        transform: Array.from({ length: 3 }, () => new Array<number>(10).fill(1)),
      });
    expect(make).toThrow(ValidationError);
    expect(make).toThrow(/does not support advanced indexing/);
  });

  for (const preNeurons of [true, false])
    for (const postNeurons of [true, false])
      for (const weightSolver of [false, true]) {
        if (weightSolver && (preNeurons || postNeurons)) continue;
        for (const preSliced of [true, false])
          for (const postSliced of [true, false]) {
            const name = `${preNeurons}-${postNeurons}-${weightSolver}-${preSliced}-${postSliced}`;
            it(`test_pes_pre_post_varieties[${name}]: builds, encodes the error exactly when the connection feeds neurons, and steps`, () => {
              const net = new Network();
              const pre = net.ensemble({ nNeurons: 10, dimensions: 12 });
              const post = net.ensemble({ nNeurons: 20, dimensions: 22 });
              const preSize = (preNeurons ? 10 : 12) / (preSliced ? 2 : 1);
              const postSize = (postNeurons ? 20 : 22) / (postSliced ? 2 : 1);
              net.connect(preNeurons ? pre.neurons : pre, postNeurons ? post.neurons : post, {
                ...(preSliced ? { preSlice: { start: 0, stop: preSize } } : {}),
                ...(postSliced ? { postSlice: { start: 0, stop: postSize } } : {}),
                solver: new LstsqL2({ weights: weightSolver }),
                learningRule: new PES(),
                transform: Array.from({ length: postSize }, () => new Array<number>(preSize).fill(1)),
              });
              const plan = build(net);
              const applyEncoders = postNeurons || (!preNeurons && !postNeurons && weightSolver);
              expect(/PES:encode/.test(plan.describe())).toBe(applyEncoders);
              const sim = new Simulator(plan, { progress: false });
              sim.step();
            });
          }
      }

  it("test_slicing: two errors into slices of one rule's error learn each dimension", () => {
    const model = new Network({ seed: 15 });
    const a = model.ensemble({ nNeurons: 50, dimensions: 1 });
    const b = model.ensemble({ nNeurons: 30, dimensions: 2 });
    const conn = model.connect(a, b, { learningRule: new PES(), function: () => [0, 0] });
    model.connect(model.node({ output: 1.0 }), a);
    const err1 = model.node({ sizeIn: 1, output: (_t: number, x: Float64Array) => (x[0] ?? 0) - 0.75 });
    model.connect(b, err1, { preSlice: [0] });
    model.connect(err1, ruleOf(conn), { postSlice: [0] });
    const err2 = model.node({ sizeIn: 1, output: (_t: number, x: Float64Array) => (x[0] ?? 0) + 0.5 });
    model.connect(b, err2, { preSlice: [1] });
    model.connect(err2, ruleOf(conn), { postSlice: [1] });
    const p = model.probe(b, { synapse: 0.03 });
    const sim = new Simulator(model, { progress: false });
    sim.run(1.0);
    const t = sim.trange();
    rows(sim.data(p).data, 2).forEach((r, k) => {
      if ((t[k] ?? 0) <= 0.8) return;
      expect(Math.abs((r[0] ?? Number.NaN) - 0.75)).toBeLessThanOrEqual(0.15 + 1e-5 * 0.75);
      expect(Math.abs((r[1] ?? Number.NaN) + 0.5)).toBeLessThanOrEqual(0.15 + 1e-5 * 0.5);
    });
  });
});
