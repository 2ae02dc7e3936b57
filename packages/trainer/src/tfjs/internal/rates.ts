// The rate curves of the gradient engines as tfjs ops: each curve's tfjs kernel (`@plexus/kernels`).

import type { TfOps } from "@plexus/kernels";
import * as tf from "@tensorflow/tfjs-core";
import type { RateModel } from "../../engine/internal/neuronModels.js";

type T2 = tf.Tensor2D;

const ops: TfOps<tf.Tensor> = tf;

/** `f(J)` of a rate curve in tfjs ops (differentiable, NaN-free in the masked branches). */
export function rate(m: RateModel, J: T2): T2 {
  return m.rate(ops, J) as T2;
}

/** `f'(J)` of a rate curve in tfjs ops, for surrogate gradients. */
export function rateDerivative(m: RateModel, J: tf.Tensor): tf.Tensor {
  return m.derivative(ops, J);
}
