// Several learning rules on one connection (Nengo's learning_rule_type=[...] or {...}), run by
// @plexus/simulator against Nengo 4.1's own run of the same networks (multiple_rules.json, made by
// gen_multiple_rules.py beside it from Nengo's source): each rule has its own delta, all added to
// the weights (or encoders) before they are used, in Nengo's order.
import { BCM, type LearningRuleTypes, NoSolver, Oja, PES, type Probe, Voja } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { loadReferenceBeside } from "../../../../test/support/reference.js";
import { Simulator } from "../../src/Simulator.js";
import { maxChange, maxErrors, pesNeuronsRef, probeRule, twoEnsembles } from "./ruleParity.js";

const ref = loadReferenceBeside<{ cases: Readonly<Record<string, Readonly<Record<string, number[][]>>>> }>(import.meta.url, "./multiple_rules.json");

/** The rules of the generator's CASES. */
const cases: Readonly<Record<string, () => LearningRuleTypes>> = {
  pes_bcm: () => [new PES({ learningRate: 5e-4 }), new BCM({ learningRate: 1e-8 })],
  oja_bcm: () => ({ oja: new Oja({ learningRate: 1e-5 }), bcm: new BCM({ learningRate: 1e-8 }) }),
  pes_voja: () => [new PES({ learningRate: 5e-4 }), new Voja({ learningRate: 1e-2 })],
  pes_pes: () => [new PES({ learningRate: 5e-4 }), new PES({ learningRate: 2e-4, preSynapse: null })],
};

function multiNet(name: string) {
  const base = name.replace(/_lif$/, "");
  const { net, stim, a, b } = twoEnsembles(name.endsWith("_lif"));
  const make = cases[base];
  if (make === undefined) throw new Error(`no case ${base}`);
  const learningRule = make();
  const conn =
    base === "pes_voja"
      ? net.connect(a, b, { solver: new NoSolver({ values: Float64Array.from(pesNeuronsRef.d0.flat()) }), learningRule })
      : net.connect(a.neurons, b.neurons, { transform: pesNeuronsRef.w0, learningRule });
  const error = net.node({ sizeIn: 2 });
  net.connect(b.neurons, error, { transform: pesNeuronsRef.db });
  net.connect(stim, error, { transform: -1 });
  const probes: Record<string, Probe> = {
    weights: net.probe(conn, { attr: "weights", sampleEvery: 0.05 }),
    b: net.probe(b.neurons, { sampleEvery: 0.05 }),
  };
  conn.learningRules.forEach((rule, n) => {
    if (rule.rule.kind === "PES") net.connect(error, rule, { transform: n === 0 ? 1 : -0.5 });
    Object.assign(probes, probeRule(net, rule, 0.05, `${rule.key ?? 0}.`));
  });
  if (base === "pes_voja") probes["encoders"] = net.probe(b, { attr: "scaledEncoders", sampleEvery: 0.05 });
  return { net, conn, probes };
}

describe("several learning rules on one connection on the simulator = Nengo 4.1's (multiple_rules.json)", () => {
  for (const [name, want] of Object.entries(ref.cases)) {
    it(`${name}: the weights, every rule's signals and the post neurons follow Nengo's run`, () => {
      const { net, probes } = multiNet(name);
      expect(Object.keys(probes).sort()).toEqual(Object.keys(want).sort());
      const sim = new Simulator(net, { dt: pesNeuronsRef.dt, progress: false });
      sim.runSteps(pesNeuronsRef.steps);
      const errs = maxErrors(sim, probes, want);
      expect(maxChange(want["weights"] ?? [])).toBeGreaterThan(1e-4);
      for (const [key, err] of Object.entries(errs)) {
        const bound = key === "weights" || key === "encoders" || key.endsWith("scaled_encoders") ? 1e-12 : key.endsWith("delta") ? 1e-14 : 1e-9;
        expect(err, key).toBeLessThan(bound);
      }
    });
  }
});
