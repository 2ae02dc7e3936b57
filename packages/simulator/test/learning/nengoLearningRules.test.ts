// Ports of Nengo 4.1's nengo/tests/test_learning_rules.py for BCM, Oja and Voja (test names kept
// in the titles). Nengo's rng draws are replaced by fixed deterministic values; the assertions
// and tolerances are Nengo's. Nengo's lists of rules on one connection are not supported (one
// rule per connection), so test_unsupervised runs each rule alone.
import { BCM, type LearningRuleType, LIFRate, LstsqL2, Network, Oja, RLS, Uniform, Voja, WhiteSignal } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { Simulator } from "../../src/Simulator.js";

/** Nengo's `rng.uniform(high=1e-3, size=(rows, cols))`, as fixed values in [0, 1e-3). */
const smallWeights = (rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (((i * 7919 + j * 104729) % 997) / 997) * 1e-3));

/** numpy's allclose (rtol 1e-5, atol given). */
const allclose = (a: ArrayLike<number>, b: ArrayLike<number>, atol = 1e-8): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= atol + 1e-5 * Math.abs(b[i]!));

const rows = (data: Float64Array, width: number): Float64Array[] =>
  Array.from({ length: data.length / width }, (_, r) => data.subarray(r * width, (r + 1) * width));

describe("nengo/tests/test_learning_rules.py (BCM, Oja, Voja, RLS)", () => {
  const cases: [string, () => LearningRuleType, boolean][] = [
    ["BCM(1e-8)", () => new BCM({ learningRate: 1e-8 }), false],
    ["Oja(1e-5)", () => new Oja({ learningRate: 1e-5 }), false],
    ["BCM(1e-8), LstsqL2(weights=True)", () => new BCM({ learningRate: 1e-8 }), true],
    ["Oja(1e-5), LstsqL2(weights=True)", () => new Oja({ learningRate: 1e-5 }), true],
  ];
  for (const [name, rule, solver] of cases) {
    it(`test_unsupervised[${name}]: the weights change`, () => {
      const n = 200;
      const m = new Network({ seed: 3 });
      const u = m.node({ output: new WhiteSignal(0.5, 10), sizeOut: 2 });
      const a = m.ensemble({ nNeurons: n, dimensions: 2 });
      const b = m.ensemble({ nNeurons: n + 1, dimensions: 2 });
      m.connect(u, a);
      const conn = solver
        ? m.connect(a, b, { solver: new LstsqL2({ weights: true }), learningRule: rule() })
        : m.connect(a.neurons, b.neurons, { transform: smallWeights(n + 1, n), learningRule: rule() });
      const pW = m.probe(conn, { attr: "weights", sampleEvery: 0.01 });
      const sim = new Simulator(m, { seed: 4, progress: false });
      sim.run(0.5);
      const w = rows(sim.data(pW).data, (n + 1) * n);
      expect(allclose(w[0]!, w.at(-1)!)).toBe(false);
    });
  }

  for (const [name, make] of [
    ["BCM", () => new BCM()],
    ["Oja", () => new Oja()],
  ] as const) {
    /** Nengo's learning_net: pre.neurons -> post.neurons with small initial weights. */
    const learningNet = () => {
      const net = new Network({ seed: 5 });
      const pre = net.ensemble({ nNeurons: 10, dimensions: 1 });
      const post = net.ensemble({ nNeurons: 10, dimensions: 1 });
      const conn = net.connect(pre.neurons, post.neurons, { transform: smallWeights(10, 10), learningRule: make() });
      return { net, activity: net.probe(pre.neurons, { synapse: 0.01 }), weights: net.probe(conn, { attr: "weights", sampleEvery: 0.01 }) };
    };

    it(`test_reset[${name}]: resetting restores all of the rule's state`, () => {
      const m = learningNet();
      const sim = new Simulator(m.net, { progress: false });
      sim.run(0.1);
      sim.run(0.2);
      const firstT = Float64Array.from(sim.trange());
      const firstActivity = Float64Array.from(sim.data(m.activity).data);
      const firstWeights = Float64Array.from(sim.data(m.weights).data);
      sim.reset();
      sim.run(0.3);
      expect(allclose(sim.trange(), firstT)).toBe(true);
      expect(allclose(sim.data(m.activity).data, firstActivity)).toBe(true);
      expect(allclose(sim.data(m.weights).data, firstWeights)).toBe(true);
    });

    it(`test_dt_dependence[${name}]: learning does not depend on dt`, () => {
      const data: Float64Array[] = [];
      let last: Float64Array[] = [];
      for (const dt of [0.0001, 0.001]) {
        const m = learningNet();
        const sim = new Simulator(m.net, { dt, progress: false });
        sim.run(0.1);
        data.push(Float64Array.from(sim.data(m.weights).data));
        last = rows(sim.data(m.weights).data, 100);
      }
      expect(allclose(data[0]!, data[1]!, 3e-3)).toBe(true);
      expect(allclose(last[0]!, last.at(-1)!)).toBe(false);
    });
  }

  it("test_voja_encoders: Voja moves the active encoders to the input and leaves the silent ones", () => {
    const n = 200;
    const norm = Math.hypot(0.3, -0.4, 0.6);
    const learned = [0.3 / norm, -0.4 / norm, 0.6 / norm];
    const nChange = n / 2;
    const intercepts = Array.from({ length: n }, (_, i) => (i < nChange ? -1 : 0.99));
    // fixed unit encoders for the first half (Nengo: random on the sphere), −learned for the rest
    const encoders = Array.from({ length: n }, (_, i) => {
      if (i >= nChange) return learned.map((v) => -v);
      const th = 2.399963 * i;
      const z = 1 - (2 * (i + 0.5)) / nChange;
      const r = Math.sqrt(1 - z * z);
      return [r * Math.cos(th), r * Math.sin(th), z];
    });
    const m = new Network({ seed: 6 });
    const u = m.node({ output: learned });
    const x = m.ensemble({ nNeurons: n, dimensions: 3, intercepts, encoders, maxRates: new Uniform(300, 400), radius: 2 });
    const conn = m.connect(u, x, { synapse: null, learningRule: new Voja({ learningRate: 1e-1 }) });
    const pEnc = m.probe(conn.learningRule!, { attr: "scaledEncoders" });
    const pEncEns = m.probe(x, { attr: "scaledEncoders" });
    const sim = new Simulator(m, { progress: false });
    sim.run(1.0);
    const t = sim.trange();
    const enc = rows(sim.data(pEnc).data, n * 3);
    // the first sample holds the built scaled encoders: unit encoders times gain / radius
    const scale = Array.from({ length: n }, (_, i) => Math.hypot(...enc[0]!.subarray(i * 3, i * 3 + 3)));
    for (const row of enc) expect(allclose(row.subarray(nChange * 3), enc[0]!.subarray(nChange * 3))).toBe(true);
    const unscaled = (row: Float64Array, i: number) => Array.from(row.subarray(i * 3, i * 3 + 3), (v) => v / scale[i]!);
    for (let i = nChange; i < n; i++)
      expect(
        allclose(
          unscaled(enc[0]!, i),
          learned.map((v) => -v),
        ),
      ).toBe(true);
    enc.forEach((row, k) => {
      if (t[k]! <= 0.5) return;
      for (let i = 0; i < nChange; i++) expect(allclose(unscaled(row, i), learned, 0.01)).toBe(true);
    });
    expect(allclose(sim.data(pEnc).data, sim.data(pEncEns).data)).toBe(true);
  });
  it("test_voja_modulate: a learning signal of -1 (L = 1 + input = 0) stops Voja", () => {
    const m = new Network({ seed: 7 });
    const control = m.node({ output: (t: number) => (t < 0.5 ? 0 : -1) });
    const u = m.node({ output: [0.5] });
    const x = m.ensemble({ nNeurons: 200, dimensions: 1 });
    const conn = m.connect(u, x, { synapse: null, learningRule: new Voja({ postSynapse: null }) });
    m.connect(control, conn.learningRule!, { synapse: null });
    const pEnc = m.probe(conn.learningRule!, { attr: "scaledEncoders" });
    const sim = new Simulator(m, { progress: false });
    sim.run(1.0);
    const t = sim.trange();
    const enc = rows(sim.data(pEnc).data, 200);
    const i = t.findIndex((v) => v > 0.5);
    for (let k = i; k < enc.length; k++) expect(allclose(enc[k]!, enc.at(-1)!)).toBe(true);
    expect(allclose(enc[0]!, enc[i]!)).toBe(false);
  });

  it("test_rls_scalar_rate: RLS learns a scalar channel within 0.5 s (on_versus_ideal < 3e-3)", () => {
    // Nengo's _test_rls_network(lrate=100), its on-versus-ideal tolerance; the transform is a fixed 0.7
    const transform = 0.7;
    const tTrain = 0.5;
    const m = new Network({ seed: 8 });
    const u = m.node({ output: (t: number) => Math.sin(5 * 2 * Math.PI * t) });
    const x = m.ensemble({ nNeurons: 100, dimensions: 1, neuronType: new LIFRate() });
    const y = m.node({ sizeIn: 1 });
    const yOn = m.node({ sizeIn: 1 });
    const e = m.node({ sizeIn: 1, output: (t: number, v: Float64Array) => (t < tTrain ? v[0]! : 0) });
    m.connect(u, y, { synapse: null, transform });
    m.connect(u, x, { synapse: null });
    const conn = m.connect(x, yOn, { synapse: null, learningRule: new RLS({ learningRate: 100, preSynapse: null }), function: () => 0 });
    m.connect(y, e, { synapse: null, transform: -1 });
    m.connect(yOn, e, { synapse: null });
    m.connect(e, conn.learningRule!, { synapse: null });
    const pY = m.probe(y);
    const pOn = m.probe(yOn);
    const sim = new Simulator(m, { progress: false });
    sim.run(tTrain + 0.25);
    const t = sim.trange();
    let se = 0;
    let ss = 0;
    t.forEach((tk, k) => {
      if (tk < tTrain) return;
      const want = sim.data(pY).data[k]!;
      se += (sim.data(pOn).data[k]! - want) ** 2;
      ss += want ** 2;
    });
    expect(Math.sqrt(se / ss)).toBeLessThan(3e-3);
  });
});
