// BCM and Oja of @plexus/core run by @plexus/simulator against Nengo 4.1's own run of the same
// network (learning_rules.json, made by gen_learning_rules.py beside it from Nengo's source):
// a learned connection between the neurons of two ensembles driven by a sine, with every
// parameter fixed, so the weights and the rules' probed signals must agree to rounding.
import { BCM, type LearningRuleType, Oja } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { loadReferenceBeside } from "../../../../test/support/reference.js";
import { Simulator } from "../../src/Simulator.js";
import { hebbianNet, maxErrors, probeRule, type TwoEnsembleReference } from "./ruleParity.js";

const ref = loadReferenceBeside<TwoEnsembleReference>(import.meta.url, "./learning_rules.json");

/** The rules of the generator's cases (the same parameters as its `rule()`). */
const rules: Readonly<Record<string, () => LearningRuleType>> = {
  bcm: () => new BCM({ learningRate: 1e-8 }),
  bcm_nofilter: () => new BCM({ learningRate: 2e-9, preSynapse: null, postSynapse: 0.01, thetaSynapse: 0.5 }),
  oja: () => new Oja({ learningRate: 1e-5 }),
  oja_beta: () => new Oja({ learningRate: 2e-5, preSynapse: 0.01, postSynapse: null, beta: 0.3 }),
};

function learned(name: string) {
  const { net, rule, probes } = hebbianNet(ref, name.endsWith("_lif"), defined(rules[name.replace(/_lif$/, "")])());
  return { net, probes: { ...probes, ...probeRule(net, rule, 0.05) } };
}

/** The largest |ours − Nengo's| over every sample of every probe, by probe. */
function errorsOf(name: string): Record<string, number> {
  const { net, probes } = learned(name);
  const sim = new Simulator(net, { dt: ref.dt, progress: false });
  sim.runSteps(ref.steps);
  return maxErrors(sim, probes, ref.cases[name] ?? {});
}

describe("BCM and Oja on the simulator = Nengo 4.1's (learning_rules.json)", () => {
  for (const name of Object.keys(ref.cases)) {
    it(`${name}: weights, delta and the rule's filtered signals follow Nengo's run`, () => {
      const errs = errorsOf(name);
      expect(Object.keys(errs)).toEqual(expect.arrayContaining(["weights", "delta", "pre_filtered", "post_filtered", "b"]));
      // the weights moved: the rule ran (a change of at least 1e-3 somewhere)
      const w = defined(defined(ref.cases[name])["weights"]);
      expect(Math.max(...defined(w.at(-1)).map((v, i) => Math.abs(v - defined(ref.w0.flat()[i]))))).toBeGreaterThan(1e-3);
      expect(errs["weights"]).toBeLessThan(1e-12);
      expect(errs["delta"]).toBeLessThan(1e-14);
      // measured (LIFRate and LIF cases): weights <= 8e-16, delta <= 3e-18, filtered rates and theta <= 2e-12
      expect(errs["b"]).toBeLessThan(1e-9);
      for (const k of ["pre_filtered", "post_filtered", "theta"]) if (k in errs) expect(errs[k], k).toBeLessThan(1e-9);
    });
  }
});
