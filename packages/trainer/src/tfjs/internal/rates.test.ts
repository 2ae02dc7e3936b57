import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import type { RateModel } from "../../engine/internal/neuronModels.js";
import { rate, rateDerivative } from "./rates.js";

const models: RateModel[] = [
  { kind: "sigmoid", maxRate: 400 },
  { kind: "tanh", maxRate: 400 },
  { kind: "relu", amplitude: 2 },
  { kind: "lifRate", tauRc: 0.02, tauRef: 0.002, amplitude: 1 },
  { kind: "softlif", tauRc: 0.02, tauRef: 0.002, amplitude: 1, sigma: 0.02 },
];

describe("tfjs rate curves", () => {
  for (const m of models) {
    it(`${m.kind}: the explicit derivative is tfjs's gradient of the curve, finite everywhere`, async () => {
      await tf.setBackend("cpu");
      const J = tf.tensor2d(Array.from({ length: 64 }, (_, i) => -3 + i * 0.1 + 0.013), [8, 8]);
      const auto = tf.grad((x: tf.Tensor) => tf.sum(rate(m, x as tf.Tensor2D)))(J).dataSync();
      const explicit = rateDerivative(m, J).dataSync();
      const scale = Math.max(...Array.from(auto, Math.abs));
      for (let i = 0; i < auto.length; i++) {
        expect(Number.isFinite(explicit[i]!)).toBe(true);
        expect(Math.abs(explicit[i]! - auto[i]!)).toBeLessThan(1e-4 * scale + 1e-4 * Math.abs(auto[i]!));
      }
    });
  }
});
