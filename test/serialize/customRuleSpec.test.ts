// Networks with a user-defined learning rule type saved as a spec: its step is code, so the spec
// holds the rule by its class name and parameters, and only a factory given for that name can
// rebuild it. Without one, saving lists the rule as what cannot be saved, and rebuilding refuses.
import {
  CustomLearningRule,
  type CustomLearningRuleOptions,
  canonicalJson,
  encodeNetwork,
  Network,
  type Probe,
  type RuleStep,
  rebuildNetwork,
  serialisableSpec,
  ValidationError,
} from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { thrownBy } from "../support/thrown.js";

/** Δω = κ · dt · (input_i · pre_j − decay · ω): a weights rule with a parameter of its own. */
class Drift extends CustomLearningRule {
  static override readonly modifies = "weights";
  readonly decay: number;
  constructor(options: CustomLearningRuleOptions & { readonly decay?: number } = {}) {
    const { decay, ...rest } = options;
    super({ learningRate: 1e-3, sizeIn: "post", ...rest });
    this.decay = decay ?? 0.1;
  }
  step(s: RuleStep): void {
    const k = this.learningRate * s.dt;
    for (let i = 0; i < s.rows; i++)
      for (let j = 0; j < s.cols; j++) {
        const at = i * s.cols + j;
        s.delta[at] = k * ((s.input[i] ?? 0) * (s.preFiltered[j] ?? 0) - this.decay * (s.target[at] ?? 0));
      }
  }
}

const classes = { Drift: (f: Readonly<Record<string, unknown>>) => new Drift(f as CustomLearningRuleOptions & { decay?: number }) };

function driftNet(): { net: Network; probes: Probe[] } {
  const net = new Network({ label: "drift", seed: 3 });
  const stim = net.node({ output: [0.5], label: "stim" });
  const teach = net.node({ output: [0.2, -0.1, 0.3, 0.0], label: "teach" });
  const a = net.ensemble({ nNeurons: 6, dimensions: 1, label: "a" });
  const b = net.ensemble({ nNeurons: 4, dimensions: 1, label: "b" });
  net.connect(stim, a);
  const conn = net.connect(a.neurons, b.neurons, {
    transform: Array.from({ length: 4 }, (_, i) => Array.from({ length: 6 }, (_, j) => ((i + 2 * j) % 5) / 50)),
    learningRule: new Drift({ decay: 0.5, preSynapse: 0.01 }),
  });
  net.connect(teach, conn.learningRuleFor(0));
  return { net, probes: [net.probe(conn, { attr: "weights" }), net.probe(b.neurons)] };
}

function run(net: Network, probes: readonly Probe[]): number[][] {
  const sim = new Simulator(net, { progress: false });
  try {
    sim.runSteps(200);
    return probes.map((p) => Array.from(sim.data(p).data));
  } finally {
    sim.close();
  }
}

describe("spec of a custom learning rule type", () => {
  it("without a factory for its class, saving names the rule as what cannot be saved, and a rebuild refuses its class", () => {
    const { net } = driftNet();
    const result = serialisableSpec(net);
    expect("problems" in result).toBe(true);
    const problems = "problems" in result ? result.problems.join("\n") : "";
    expect(problems).toMatch(/learningRule is the custom learning rule type Drift, whose step is code that a spec cannot hold/);
    const json = encodeNetwork(net, "spec").json;
    const e = thrownBy(ValidationError, () => rebuildNetwork(json));
    expect(e.message).toMatch(/Drift cannot be rebuilt/);
  });

  it("with a factory, it saves and rebuilds: the same spec, an equal rule type, the same bits", () => {
    const { net, probes } = driftNet();
    const result = serialisableSpec(net, classes);
    if (!("spec" in result)) throw new Error(result.problems.join("; "));
    const text = canonicalJson(result.spec);
    expect(text).toContain('"class":"Drift"');
    const rebuilt = rebuildNetwork(JSON.parse(text), classes);
    expect(canonicalJson(encodeNetwork(rebuilt, "spec", classes).json)).toBe(text);
    const [rule, again] = [net.connections[1]?.learningRuleFor(0).rule, rebuilt.connections[1]?.learningRuleFor(0).rule];
    expect(again).toBeInstanceOf(Drift);
    expect(again?.equals(rule)).toBe(true);
    const conn = rebuilt.connections[1];
    if (conn === undefined) throw new Error("no learned connection");
    const original = run(net, probes);
    const copy = run(rebuilt, [rebuilt.probe(conn, { attr: "weights" }), rebuilt.probe(rebuilt.ensembles[1]?.neurons ?? conn.post)]);
    // the rule ran: the weights moved
    expect(Math.max(...(original[0] ?? []).slice(-24).map((w, k) => Math.abs(w - (original[0]?.[k] ?? 0))))).toBeGreaterThan(1e-6);
    original.forEach((p, i) => expect(copy[i]).toEqual(p));
  });
});
