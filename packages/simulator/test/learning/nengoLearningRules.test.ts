// Ports of Nengo 4.1's nengo/tests/test_learning_rules.py for BCM, Oja and Voja, and the tests it runs
// on every rule (test_reset, test_dt_dependence: PES, BCM, Oja) (test names kept
// in the titles). Nengo's rng draws are replaced by fixed deterministic values; the assertions
// and tolerances are Nengo's.

import { BCM, type LearningRuleTypes, LstsqL2, Network, Oja, PES, Uniform, Voja, WhiteSignal } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { Simulator } from "../../src/Simulator.js";
import { allclose, expectDtIndependent, expectResetRestores, rows, uniformWeights } from "./ruleNets.js";

describe("nengo/tests/test_learning_rules.py (BCM, Oja, Voja; test_reset and test_dt_dependence)", () => {
  const cases: [string, () => LearningRuleTypes, boolean][] = [
    ["BCM(1e-8)", () => new BCM({ learningRate: 1e-8 }), false],
    ["Oja(1e-5)", () => new Oja({ learningRate: 1e-5 }), false],
    ["[Oja(1e-5), BCM(1e-8)]", () => [new Oja({ learningRate: 1e-5 }), new BCM({ learningRate: 1e-8 })], false],
    ["[Oja(1e-5), BCM(1e-8)], LstsqL2(weights=True)", () => [new Oja({ learningRate: 1e-5 }), new BCM({ learningRate: 1e-8 })], true],
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
        : m.connect(a.neurons, b.neurons, { transform: uniformWeights(n + 1, n, 1e-3), learningRule: rule() });
      const pW = m.probe(conn, { attr: "weights", sampleEvery: 0.01 });
      const sim = new Simulator(m, { seed: 4, progress: false });
      sim.run(0.5);
      const w = rows(sim.data(pW).data, (n + 1) * n);
      expect(allclose(defined(w[0]), defined(w.at(-1)))).toBe(false);
    });
  }

  for (const [name, make] of [
    ["PES", () => new PES({ learningRate: 1e-5 })],
    ["BCM", () => new BCM()],
    ["Oja", () => new Oja()],
  ] as const) {
    it(`test_reset[${name}]: resetting restores all of the rule's state`, () => expectResetRestores(make));
    it(`test_dt_dependence[${name}]: learning does not depend on dt`, () => expectDtIndependent(make));
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
    const pEnc = m.probe(defined(conn.learningRule), { attr: "scaledEncoders" });
    const pEncEns = m.probe(x, { attr: "scaledEncoders" });
    const sim = new Simulator(m, { progress: false });
    sim.run(1.0);
    const t = sim.trange();
    const enc = rows(sim.data(pEnc).data, n * 3);
    // the first sample holds the built scaled encoders: unit encoders times gain / radius
    const scale = Array.from({ length: n }, (_, i) => Math.hypot(...defined(enc[0]).subarray(i * 3, i * 3 + 3)));
    for (const row of enc) expect(allclose(row.subarray(nChange * 3), defined(enc[0]).subarray(nChange * 3))).toBe(true);
    const unscaled = (row: Float64Array, i: number) => Array.from(row.subarray(i * 3, i * 3 + 3), (v) => v / defined(scale[i]));
    for (let i = nChange; i < n; i++)
      expect(
        allclose(
          unscaled(defined(enc[0]), i),
          learned.map((v) => -v),
        ),
      ).toBe(true);
    enc.forEach((row, k) => {
      if (defined(t[k]) <= 0.5) return;
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
    m.connect(control, defined(conn.learningRule), { synapse: null });
    const pEnc = m.probe(defined(conn.learningRule), { attr: "scaledEncoders" });
    const sim = new Simulator(m, { progress: false });
    sim.run(1.0);
    const t = sim.trange();
    const enc = rows(sim.data(pEnc).data, 200);
    const i = t.findIndex((v) => v > 0.5);
    for (let k = i; k < enc.length; k++) expect(allclose(defined(enc[k]), defined(enc.at(-1)))).toBe(true);
    expect(allclose(defined(enc[0]), defined(enc[i]))).toBe(false);
  });
});
