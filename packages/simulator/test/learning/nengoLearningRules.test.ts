// Ports of Nengo 4.1's nengo/tests/test_learning_rules.py for BCM, Oja and Voja (test names kept
// in the titles). Nengo's rng draws are replaced by fixed deterministic values; the assertions
// and tolerances are Nengo's. Nengo's lists of rules on one connection are not supported (one
// rule per connection), so test_unsupervised runs each rule alone.
import { BCM, LstsqL2, Network, Oja, Uniform, Voja, WhiteSignal, type LearningRuleType } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { Simulator } from "../../src/Simulator.js";

/** Nengo's `rng.uniform(high=1e-3, size=(rows, cols))`, as fixed values in [0, 1e-3). */
const smallWeights = (rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (((i * 7919 + j * 104729) % 997) / 997) * 1e-3));

/** numpy's allclose (rtol 1e-5, atol given). */
const allclose = (a: ArrayLike<number>, b: ArrayLike<number>, atol = 1e-8): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= atol + 1e-5 * Math.abs(b[i]!));

const rows = (data: Float64Array, width: number): Float64Array[] => Array.from({ length: data.length / width }, (_, r) => data.subarray(r * width, (r + 1) * width));

describe("nengo/tests/test_learning_rules.py (BCM, Oja, Voja)", () => {
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

  for (const [name, make] of [["BCM", () => new BCM()], ["Oja", () => new Oja()]] as const) {
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
    for (let i = nChange; i < n; i++) expect(allclose(unscaled(enc[0]!, i), learned.map((v) => -v))).toBe(true);
    enc.forEach((row, k) => {
      if (t[k]! <= 0.5) return;
      for (let i = 0; i < nChange; i++) expect(allclose(unscaled(row, i), learned, 0.01)).toBe(true);
    });
    expect(allclose(sim.data(pEnc).data, sim.data(pEncEns).data)).toBe(true);
  });
});
