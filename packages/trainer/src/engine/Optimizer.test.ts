import { TrainingError, ValidationError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { thrownBy } from "../../../../test/support/thrown.js";
import { adam, OptimizerState, sgd } from "./Optimizer.js";

describe("adam", () => {
  it("has PyTorch's defaults and validates its hyperparameters", () => {
    expect(adam()).toEqual({ kind: "adam", learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(() => adam({ learningRate: 0 })).toThrow(ValidationError);
    expect(() => adam({ beta1: 1 })).toThrow(/adam.beta1: must be in \[0, 1\)/);
  });

  it("steps as torch.optim.Adam: bias-corrected moments, eps outside the square root", () => {
    const state = new OptimizerState(adam({ learningRate: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 1e-3 }));
    const p = Float64Array.of(1, -2);
    const grads = [Float64Array.of(0.5, -1), Float64Array.of(-0.25, 2)];
    let m = [0, 0];
    let v = [0, 0];
    const expected = [1, -2];
    for (let t = 1; t <= 2; t++) {
      const g = defined(grads[t - 1]);
      state.beginStep();
      state.update("p", p, g);
      m = m.map((mi, i) => 0.5 * mi + 0.5 * defined(g[i]));
      v = v.map((vi, i) => 0.75 * vi + 0.25 * defined(g[i]) ** 2);
      for (let i = 0; i < 2; i++) {
        const mHat = defined(m[i]) / (1 - 0.5 ** t);
        const vHat = defined(v[i]) / (1 - 0.75 ** t);
        expected[i] = defined(expected[i]) - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-3);
      }
      for (let i = 0; i < 2; i++) expect(p[i]).toBeCloseTo(defined(expected[i]), 14);
    }
    expect(state.step).toBe(2);
    expect(state.slots.get("p")).toHaveLength(2);
  });
});

describe("sgd", () => {
  it("steps p -= lr·g, with momentum as torch.optim.SGD", () => {
    const plain = new OptimizerState(sgd({ learningRate: 0.5 }));
    const p = Float64Array.of(1);
    plain.beginStep();
    plain.update("p", p, [2]);
    expect(p[0]).toBe(0);

    const mom = new OptimizerState(sgd({ learningRate: 0.1, momentum: 0.9 }));
    const q = Float32Array.of(0);
    mom.beginStep();
    mom.update("q", q, [1]); // v = 1
    mom.beginStep();
    mom.update("q", q, [1]); // v = 1.9
    expect(q[0]).toBeCloseTo(-0.29, 6);
    expect(() => sgd({ learningRate: -1 })).toThrow(/sgd.learningRate/);
  });
});

describe("OptimizerState", () => {
  it("names the parameter whose gradient or moment buffers do not match its size, with a typed error", () => {
    for (const spec of [adam(), sgd({ learningRate: 0.1, momentum: 0.9 })]) {
      const state = new OptimizerState(spec);
      state.beginStep();
      expect(() => state.update("w", new Float64Array(3), [1, 2])).toThrow(TrainingError);
      state.update("w", new Float64Array(3), [1, 2, 3]);
      // The same state on a parameter of another size (a second model with the same names).
      const err = thrownBy(TrainingError, () => state.update("w", new Float64Array(4), [1, 2, 3, 4]));
      expect(err.label).toBe("w");
      expect(err.message).toMatch(/moment buffer of 3 entries for a parameter of 4/);
    }
  });
});
