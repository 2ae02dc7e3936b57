// The rate curves of the gradient engines as tfjs ops.
import * as tf from "@tensorflow/tfjs";
import type { RateModel } from "../../engine/internal/neuronModels.js";

type T2 = tf.Tensor2D;

/** `f(J)` of a rate curve in tfjs ops (differentiable, NaN-free in the masked branches). */
export function rate(m: RateModel, J: T2): T2 {
  switch (m.kind) {
    case "sigmoid":
      return tf.mul(m.maxRate, tf.sigmoid(J));
    case "tanh":
      return tf.mul(m.maxRate, tf.tanh(J));
    case "relu":
      return tf.mul(m.amplitude, tf.relu(J));
    case "lifRate": {
      // Masks as 0/1 factors (tf.step has a zero gradient; a comparison has none), with the
      // masked-out branch evaluated at a safe point so that no NaN reaches the gradient.
      const on = tf.step(tf.sub(J, 1));
      const jm1 = tf.add(tf.mul(tf.sub(J, 1), on), tf.sub(1, on));
      return tf.mul(on, tf.div(m.amplitude, tf.add(m.tauRef, tf.mul(m.tauRc, tf.log1p(tf.div(1, jm1)))))) as T2;
    }
    case "softlif": {
      // nengo_dl's two branches (js > -20: log1p(1/z); else -js - log(sigma)) as one maximum:
      // the first exceeds the second exactly where js > -20 (softplus(x) < exp(x)), and with js
      // clamped at -20 inside softplus the unused branch stays finite, so no NaN reaches the gradient.
      const js = tf.div(tf.sub(J, 1), m.sigma);
      const z = tf.mul(m.sigma, tf.softplus(tf.maximum(js, -20)));
      const q = tf.maximum(tf.log1p(tf.div(1, z)), tf.sub(tf.neg(js), Math.log(m.sigma)));
      return tf.div(m.amplitude, tf.add(m.tauRef, tf.mul(m.tauRc, q)));
    }
  }
}

/** `f'(J)` of a rate curve in tfjs ops, for surrogate gradients. */
export function rateDerivative(m: RateModel, J: tf.Tensor): tf.Tensor {
  switch (m.kind) {
    case "sigmoid": {
      const s = tf.sigmoid(J);
      return tf.mul(m.maxRate, tf.mul(s, tf.sub(1, s)));
    }
    case "tanh": {
      const th = tf.tanh(J);
      return tf.mul(m.maxRate, tf.sub(1, tf.square(th)));
    }
    case "relu":
      return tf.mul(m.amplitude, tf.step(J));
    case "lifRate": {
      const on = tf.step(tf.sub(J, 1));
      const jm1 = tf.add(tf.mul(tf.sub(J, 1), on), tf.sub(1, on));
      const den = tf.add(m.tauRef, tf.mul(m.tauRc, tf.log1p(tf.div(1, jm1))));
      return tf.mul(on, tf.div(m.amplitude * m.tauRc, tf.mul(tf.square(den), tf.mul(jm1, tf.add(jm1, 1)))));
    }
    case "softlif": {
      const js = tf.div(tf.sub(J, 1), m.sigma);
      const valid = tf.step(tf.add(js, 20));
      const jsSafe = tf.mul(js, valid);
      const z = tf.mul(m.sigma, tf.softplus(jsSafe));
      const q = tf.add(tf.mul(valid, tf.log1p(tf.div(1, z))), tf.mul(tf.sub(1, valid), tf.sub(tf.neg(js), Math.log(m.sigma))));
      const den = tf.add(m.tauRef, tf.mul(m.tauRc, q));
      const dq = tf.add(tf.mul(valid, tf.div(tf.sigmoid(jsSafe), tf.mul(z, tf.add(z, 1)))), tf.div(tf.sub(1, valid), m.sigma));
      return tf.div(tf.mul(m.amplitude * m.tauRc, dq), tf.square(den));
    }
  }
}

