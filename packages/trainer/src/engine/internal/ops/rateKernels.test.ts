import { LIF, LIFRate, type NeuronType, RectifiedLinear, Sigmoid, SoftLIFRate, Tanh } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../../../test/support/defined.js";
import { neuronPlan } from "../neuronModels.js";

/** The generated rate (and derivative) code as a function of J. */
function compile(code: string): (j: number) => [number, number] {
  return new Function("exp", "log1p", "tanh", `return (j) => { let rv = 0, dv = 0; ${code} return [rv, dv]; };`)(Math.exp, Math.log1p, Math.tanh) as (
    j: number,
  ) => [number, number];
}

const types: [string, NeuronType][] = [
  ["Sigmoid", new Sigmoid()],
  ["Tanh", new Tanh()],
  ["RectifiedLinear", new RectifiedLinear({ amplitude: 2 })],
  ["LIFRate", new LIFRate()],
  ["SoftLIFRate", new SoftLIFRate({ sigma: 0.05 })],
];

const currents = Float64Array.from({ length: 400 }, (_, i) => -4 + i * 0.025 + 1e-3);

describe("generated rate kernels", () => {
  for (const [name, type] of types) {
    it(`${name}: inference rates are the neuron type's own, bit for bit`, () => {
      const plan = neuronPlan(type, "softlif", 0.02, name);
      const f = compile(defined(plan.infer).code(false));
      const expected = new Float64Array(currents.length);
      type.rateFromCurrent(currents, expected);
      for (let i = 0; i < currents.length; i++) expect(f(defined(currents[i]))[0]).toBe(expected[i]);
    });

    it(`${name}: training derivatives match central differences of the training curve`, () => {
      const plan = neuronPlan(type, "softlif", 0.02, name);
      const f = compile(plan.train.code(true));
      for (const j of currents) {
        if (Math.abs(j - 1) < 1e-3 || Math.abs(j) < 1e-3) continue; // kinks of LIFRate and ReLU
        const h = 1e-6;
        const fd = (f(j + h)[0] - f(j - h)[0]) / (2 * h);
        const [, d] = f(j);
        expect(Math.abs(d - fd)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)) + 1e-4 * Math.abs(fd));
      }
    });
  }

  it("LIF trains through SoftLIF with the given sigma, infers with its own step", () => {
    const plan = neuronPlan(new LIF({ tauRc: 0.03 }), "softlif", 0.05, "x");
    expect(plan.train.kind).toBe("SoftLIFRate");
    expect(plan.train.code(true)).toBe(neuronPlan(new SoftLIFRate({ tauRc: 0.03, sigma: 0.05 }), "softlif", 0.02, "x").train.code(true));
    expect(plan.infer).toBeNull();
    expect(plan.trainStep).toBe(false);
    expect(neuronPlan(new LIF(), "surrogate", 0.02, "x").trainStep).toBe(true);
    expect(() => neuronPlan({ kind: "Izhikevich" } as unknown as NeuronType, "softlif", 0.02, "Ensemble 'e'")).toThrow(
      /Ensemble 'e'.neuronType: Izhikevich has no differentiable rate curve/,
    );
  });
});
