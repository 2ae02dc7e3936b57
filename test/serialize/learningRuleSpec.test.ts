// Networks with learning rules (PES or RLS with its error connection, BCM, Oja, Voja, several rules
// on one connection as a list or a record) saved as a spec, rebuilt and run: the rules, their
// parameters and their error inputs come back, and the run is the same bits.
import {
  BCM,
  canonicalJson,
  encodeNetwork,
  type LearningRuleTypes,
  LIF,
  Network,
  Oja,
  PES,
  type Probe,
  RLS,
  rebuildNetwork,
  serialisableSpec,
  structureText,
  Voja,
} from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../support/defined.js";

/**
 * A PES (or RLS) connection a -> b learning b ≈ -stim from the error (b + stim); plus weights rules
 * a.neurons -> c.neurons (a PES among them gets the same error); plus Voja on stim -> c when given.
 */
function learning(pes: PES | RLS, weights: LearningRuleTypes, voja?: Voja): { net: Network; probes: Probe[] } {
  const net = new Network({ label: "learning", seed: 7 });
  const stim = net.node({ output: [0.6], label: "stim" });
  const a = net.ensemble({ nNeurons: 30, dimensions: 1, neuronType: new LIF(), label: "a" });
  const b = net.ensemble({ nNeurons: 30, dimensions: 1, label: "b" });
  const c = net.ensemble({ nNeurons: 20, dimensions: 1, label: "c" });
  const error = net.ensemble({ nNeurons: 30, dimensions: 1, label: "error" });
  net.connect(stim, a);
  const conn = net.connect(a, b, { learningRule: pes, transform: 0 });
  net.connect(b, error);
  net.connect(stim, error);
  net.connect(error, defined(conn.learningRule));
  const w = net.connect(a.neurons, c.neurons, {
    transform: Array.from({ length: 20 }, (_, i) => Array.from({ length: 30 }, (_, j) => ((i * 7 + j) % 11) / 2000)),
    learningRule: weights,
  });
  for (const rule of w.learningRules) if (rule.rule.kind === "PES") net.connect(error, rule, { transform: 0.1 });
  if (voja !== undefined) net.connect(stim, c, { learningRule: voja });
  return { net, probes: [net.probe(b), net.probe(error), net.probe(c.neurons)] };
}

function run(net: Network, probes: readonly Probe[]): number[][] {
  const sim = new Simulator(net, { progress: false });
  try {
    sim.runSteps(300);
    return probes.map((p) => Array.from(sim.data(p).data));
  } finally {
    sim.close();
  }
}

const cases: [string, () => PES | RLS, () => LearningRuleTypes, (() => Voja)?][] = [
  ["PES and BCM (default synapses)", () => new PES({ learningRate: 1e-3 }), () => new BCM({ learningRate: 1e-8 })],
  [
    "PES without a pre synapse and Oja",
    () => new PES({ learningRate: 5e-4, preSynapse: null }),
    () => new Oja({ learningRate: 1e-5, preSynapse: 0.01, postSynapse: null, beta: 0.5 }),
  ],
  [
    "RLS, a list [PES, BCM] on one connection, and Voja",
    () => new RLS({ learningRate: 0.1, preSynapse: 0.01 }),
    () => [new PES({ learningRate: 2e-4 }), new BCM({ learningRate: 1e-8, thetaSynapse: 0.5 })],
    () => new Voja({ learningRate: 2e-2, postSynapse: null }),
  ],
  [
    "a record { oja, bcm } on one connection, and Voja with its defaults",
    () => new PES({ learningRate: 1e-3 }),
    () => ({ oja: new Oja({ learningRate: 1e-5 }), bcm: new BCM({ learningRate: 1e-8 }) }),
    () => new Voja(),
  ],
];

describe("spec of learning rules", () => {
  for (const [name, pes, weights, voja] of cases) {
    it(`rebuilds ${name} with the error connections: the same spec, structure and bits`, () => {
      const { net, probes } = learning(pes(), weights(), voja?.());
      const result = serialisableSpec(net);
      if (!("spec" in result)) throw new Error(result.problems.join("; "));
      const text = canonicalJson(result.spec);
      const rebuilt = rebuildNetwork(JSON.parse(text));
      expect(canonicalJson(encodeNetwork(rebuilt, "spec").json)).toBe(text);
      expect(structureText(rebuilt)).toBe(structureText(net));
      const [conn, weightsConn] = [defined(rebuilt.connections[1]), defined(rebuilt.connections[5])];
      expect(conn.learningRule?.rule).toEqual(defined(defined(net.connections[1]).learningRule).rule);
      expect(weightsConn.learningRuleType).toEqual(defined(net.connections[5]).learningRuleType);
      expect(weightsConn.learningRules.map((r) => [r.key, r.rule.kind])).toEqual(defined(net.connections[5]).learningRules.map((r) => [r.key, r.rule.kind]));
      expect(rebuilt.connections.map((c) => c.learningRuleType)).toEqual(net.connections.map((c) => c.learningRuleType));
      expect(defined(rebuilt.connections[4]).post).toBe(conn.learningRule);
      const [, b, c, error] = rebuilt.ensembles;
      expect([b, c, error].map((e) => defined(e).label)).toEqual(["b", "c", "error"]);
      const original = run(net, probes);
      const again = run(rebuilt, [rebuilt.probe(defined(b)), rebuilt.probe(defined(error)), rebuilt.probe(defined(c).neurons)]);
      expect(Math.abs(defined(defined(original[0]).at(-1)) + 0.6)).toBeLessThan(0.3); // it learned
      original.forEach((p, i) => expect(again[i]).toEqual(p));
    });
  }

  it("says so when a node is made after a connection with a learning rule (a rebuild would move it)", () => {
    const net = new Network({ seed: 1 });
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const conn = net.connect(a, b, { learningRule: new PES() });
    const err = net.node({ output: [0.1], label: "late" });
    net.connect(err, defined(conn.learningRule));
    const result = serialisableSpec(net);
    expect("problems" in result && result.problems.join("\n")).toMatch(/Node 'late' is made after the connection/);
  });
});
