// What the learning-rule tests ported from Nengo share: numpy's allclose, rows of probe data,
// fixed stand-ins for Nengo's `rng.uniform` initial weights, Nengo's `learning_net`, and the two
// tests Nengo runs on it for every rule (test_reset, test_dt_dependence).
import { type LearningRuleType, Network, type Probe } from "@plexus/core";
import { expect } from "vitest";
import { Simulator } from "../../src/Simulator.js";

/** numpy's `allclose(a, b, atol=atol)` (rtol 1e-5): false when the lengths differ. */
export function allclose(a: ArrayLike<number>, b: ArrayLike<number>, atol = 1e-8): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    if (!(Math.abs(x - y) <= atol + 1e-5 * Math.abs(y))) return false;
  }
  return true;
}

/** The rows of recorded data `width` values wide (views, not copies). */
export function rows(data: Float64Array, width: number): Float64Array[] {
  return Array.from({ length: data.length / width }, (_, r) => data.subarray(r * width, (r + 1) * width));
}

/** Nengo's `rng.uniform(high=high, size=(rows, cols))`, as fixed values spread over [0, high). */
export function uniformWeights(nRows: number, cols: number, high: number): number[][] {
  return Array.from({ length: nRows }, (_, i) => Array.from({ length: cols }, (_, j) => (((i * 7919 + j * 104729) % 997) / 997) * high));
}

/** Nengo's `learning_net`: pre.neurons → post.neurons (10 each) with small initial weights and the rule; PES gets an error from u = 1. */
export function learningNet(rule: LearningRuleType, seed = 5): { net: Network; activity: Probe; weights: Probe } {
  const net = new Network({ seed });
  const pre = net.ensemble({ nNeurons: 10, dimensions: 1 });
  const post = net.ensemble({ nNeurons: 10, dimensions: 1 });
  const conn = net.connect(pre.neurons, post.neurons, { transform: uniformWeights(10, 10, 1e-3), learningRule: rule });
  if (rule.kind === "PES" && conn.learningRule !== null) {
    const u = net.node({ output: 1.0 });
    const err = net.ensemble({ nNeurons: 10, dimensions: 1 });
    net.connect(u, err);
    net.connect(err, conn.learningRule);
  }
  return { net, activity: net.probe(pre.neurons, { synapse: 0.01 }), weights: net.probe(conn, { attr: "weights", sampleEvery: 0.01 }) };
}

/** Nengo's test_reset: run 0.1 s + 0.2 s, reset, run 0.3 s: the same times, activities and weights. */
export function expectResetRestores(rule: () => LearningRuleType): void {
  const m = learningNet(rule());
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
}

/** Nengo's test_dt_dependence: the weights after 0.1 s at dt 1e-4 and 1e-3 agree (atol 3e-3), and they moved. */
export function expectDtIndependent(rule: () => LearningRuleType): void {
  const data: Float64Array[] = [];
  let last: Float64Array[] = [];
  for (const dt of [0.0001, 0.001]) {
    const m = learningNet(rule());
    const sim = new Simulator(m.net, { dt, progress: false });
    sim.run(0.1);
    data.push(Float64Array.from(sim.data(m.weights).data));
    last = rows(sim.data(m.weights).data, 100);
  }
  expect(allclose(data[0] ?? [], data[1] ?? [], 3e-3)).toBe(true);
  expect(allclose(last[0] ?? [], last.at(-1) ?? [])).toBe(false);
}
