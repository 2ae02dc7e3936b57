// Networks with learning rules (PES with its error connection, BCM, Oja) saved as a spec, rebuilt
// and run: the rule, its parameters and its error input come back, and the run is the same bits.
import {
  BCM,
  canonicalJson,
  encodeNetwork,
  type LearningRuleType,
  LIF,
  Network,
  Oja,
  PES,
  type Probe,
  rebuildNetwork,
  serialisableSpec,
  structureText,
} from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";

/** A PES connection a -> b learning b ≈ -stim from the error (b + stim); plus a weights rule a.neurons -> c.neurons. */
function learning(pes: PES, weights: LearningRuleType): { net: Network; probes: Probe[] } {
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
  net.connect(error, conn.learningRule!);
  net.connect(a.neurons, c.neurons, {
    transform: Array.from({ length: 20 }, (_, i) => Array.from({ length: 30 }, (_, j) => ((i * 7 + j) % 11) / 2000)),
    learningRule: weights,
  });
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

const cases: [string, () => PES, () => LearningRuleType][] = [
  ["PES and BCM (default synapses)", () => new PES({ learningRate: 1e-3 }), () => new BCM({ learningRate: 1e-8 })],
  [
    "PES without a pre synapse and Oja",
    () => new PES({ learningRate: 5e-4, preSynapse: null }),
    () => new Oja({ learningRate: 1e-5, preSynapse: 0.01, postSynapse: null, beta: 0.5 }),
  ],
];

describe("spec of learning rules", () => {
  for (const [name, pes, weights] of cases) {
    it(`rebuilds ${name} with the error connection: the same spec, structure and bits`, () => {
      const { net, probes } = learning(pes(), weights());
      const result = serialisableSpec(net);
      if (!("spec" in result)) throw new Error(result.problems.join("; "));
      const text = canonicalJson(result.spec);
      const rebuilt = rebuildNetwork(JSON.parse(text));
      expect(canonicalJson(encodeNetwork(rebuilt, "spec").json)).toBe(text);
      expect(structureText(rebuilt)).toBe(structureText(net));
      const [conn, weightsConn] = [rebuilt.connections[1]!, rebuilt.connections[5]!];
      expect(conn.learningRule?.rule).toEqual(net.connections[1]!.learningRule!.rule);
      expect(weightsConn.learningRule?.rule.kind).toBe(net.connections[5]!.learningRule!.rule.kind);
      expect(rebuilt.connections[4]!.post).toBe(conn.learningRule);
      const [, b, c, error] = rebuilt.ensembles;
      expect([b, c, error].map((e) => e!.label)).toEqual(["b", "c", "error"]);
      const original = run(net, probes);
      const again = run(rebuilt, [rebuilt.probe(b!), rebuilt.probe(error!), rebuilt.probe(c!.neurons)]);
      expect(Math.abs(original[0]!.at(-1)! + 0.6)).toBeLessThan(0.3); // it learned
      original.forEach((p, i) => expect(again[i]).toEqual(p));
    });
  }

  it("says so when a node is made after a connection with a learning rule (a rebuild would move it)", () => {
    const net = new Network({ seed: 1 });
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const conn = net.connect(a, b, { learningRule: new PES() });
    const err = net.node({ output: [0.1], label: "late" });
    net.connect(err, conn.learningRule!);
    const result = serialisableSpec(net);
    expect("problems" in result && result.problems.join("\n")).toMatch(/Node 'late' is made after the connection/);
  });
});
