import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { registerGradients } from "./gradients.js";

describe("tfjs-core's gradient registrations", () => {
  it("are what tfjs's tape needs (none before), and give sigmoid's and matMul's gradients", async () => {
    await tf.setBackend("cpu");
    const x = tf.tensor2d([-2, -0.5, 0, 0.5, 1, 3], [2, 3]);
    const w = tf.tensor2d([0.5, -1, 2], [3, 1]);
    const f = (a: tf.Tensor): tf.Scalar => tf.sum(tf.matMul(tf.sigmoid(a) as tf.Tensor2D, w));
    expect(() => tf.grad(f)(x)).toThrow(/gradient function not found/);
    await registerGradients();
    const got = tf.grad(f)(x).dataSync();
    // d/dx sum(sigmoid(x) · w) = sigmoid'(x) · w (row-broadcast), sigmoid' = s (1 - s).
    const xs = [-2, -0.5, 0, 0.5, 1, 3];
    const ws = [0.5, -1, 2];
    for (let i = 0; i < xs.length; i++) {
      const s = 1 / (1 + Math.exp(-(xs[i] ?? 0)));
      expect(got[i]).toBeCloseTo(s * (1 - s) * (ws[i % 3] ?? 0), 6);
    }
  });
});
