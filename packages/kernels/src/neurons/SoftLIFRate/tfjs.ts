import { libm } from "@plexus/core/runtime";
import type { TfOps } from "../../backends/gradientKernel.js";
import type { SoftLifParams } from "./index.js";

/**
 * nengo_dl's SoftLIFRate in tfjs ops. Its two branches (js > -20: log1p(1/z); else
 * -js - log(sigma)) as one maximum: the first exceeds the second exactly where js > -20
 * (softplus(x) < exp(x)), and with js clamped at -20 inside softplus the unused branch stays
 * finite, so no NaN reaches the gradient.
 */
export function softLifTf<T>(tf: TfOps<T>, p: SoftLifParams, J: T): T {
  const js = tf.div(tf.sub(J, 1), p.sigma);
  const z = tf.mul(p.sigma, tf.softplus(tf.maximum(js, -20)));
  const q = tf.maximum(tf.log1p(tf.div(1, z)), tf.sub(tf.neg(js), libm.log(p.sigma)));
  return tf.div(p.amplitude, tf.add(p.tauRef, tf.mul(p.tauRc, q)));
}

/** Its derivative, branch by branch with 0/1 masks. */
export function softLifTfDerivative<T>(tf: TfOps<T>, p: SoftLifParams, J: T): T {
  const js = tf.div(tf.sub(J, 1), p.sigma);
  const valid = tf.step(tf.add(js, 20));
  const jsSafe = tf.mul(js, valid);
  const z = tf.mul(p.sigma, tf.softplus(jsSafe));
  const q = tf.add(tf.mul(valid, tf.log1p(tf.div(1, z))), tf.mul(tf.sub(1, valid), tf.sub(tf.neg(js), libm.log(p.sigma))));
  const den = tf.add(p.tauRef, tf.mul(p.tauRc, q));
  const dq = tf.add(tf.mul(valid, tf.div(tf.sigmoid(jsSafe), tf.mul(z, tf.add(z, 1)))), tf.div(tf.sub(1, valid), p.sigma));
  return tf.div(tf.mul(p.amplitude * p.tauRc, dq), tf.square(den));
}
