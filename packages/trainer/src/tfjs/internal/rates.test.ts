import { LIFRate, RectifiedLinear, Sigmoid, SoftLIFRate, Tanh } from "@plexus/core";
import { numAt } from "@plexus/core/runtime";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { neuronPlan, type RateModel } from "../../engine/internal/neuronModels.js";
import { selectBackend } from "./backend.js";
import { registerGradients } from "./gradients.js";
import { rate, rateDerivative } from "./rates.js";

const models: RateModel[] = [
  new Sigmoid({ tauRef: 1 / 400 }),
  new Tanh({ tauRef: 1 / 400 }),
  new RectifiedLinear({ amplitude: 2 }),
  new LIFRate({ tauRc: 0.02, tauRef: 0.002, amplitude: 1 }),
  new SoftLIFRate({ tauRc: 0.02, tauRef: 0.002, amplitude: 1, sigma: 0.02 }),
].map((type) => neuronPlan(type, "softlif", 0.02, "test").train);

describe("tfjs rate curves", () => {
  for (const m of models) {
    it(`${m.kind}: the explicit derivative is tfjs's gradient of the curve, finite everywhere`, async () => {
      await registerGradients();
      await selectBackend("cpu");
      const J = tf.tensor2d(
        Array.from({ length: 64 }, (_, i) => -3 + i * 0.1 + 0.013),
        [8, 8],
      );
      const auto = tf
        .grad((x: tf.Tensor) => tf.sum(rate(m, x as tf.Tensor2D)))(J)
        .dataSync();
      const explicit = rateDerivative(m, J).dataSync();
      const scale = Math.max(...Array.from(auto, Math.abs));
      expect(explicit.length).toBe(auto.length);
      for (const [i, a] of auto.entries()) {
        const e = numAt(explicit, i);
        expect(Number.isFinite(e)).toBe(true);
        expect(Math.abs(e - a)).toBeLessThan(1e-4 * scale + 1e-4 * Math.abs(a));
      }
    });
  }
});
