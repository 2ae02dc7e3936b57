import type { TfOps } from "../../backends/gradientKernel.js";
import type { LifRateParams } from "./index.js";

/**
 * The LIFRate curve in tfjs ops. Masks as 0/1 factors (tf.step has a zero gradient; a comparison
 * has none), with the masked-out branch evaluated at a safe point so that no NaN reaches the
 * gradient.
 */
export function lifRateTf<T>(tf: TfOps<T>, p: LifRateParams, J: T): T {
  const on = tf.step(tf.sub(J, 1));
  const jm1 = tf.add(tf.mul(tf.sub(J, 1), on), tf.sub(1, on));
  return tf.mul(on, tf.div(p.amplitude, tf.add(p.tauRef, tf.mul(p.tauRc, tf.log1p(tf.div(1, jm1))))));
}

/** Its derivative `amplitude · tauRc / (den² · (J - 1) · J)` for J > 1, else 0. */
export function lifRateTfDerivative<T>(tf: TfOps<T>, p: LifRateParams, J: T): T {
  const on = tf.step(tf.sub(J, 1));
  const jm1 = tf.add(tf.mul(tf.sub(J, 1), on), tf.sub(1, on));
  const den = tf.add(p.tauRef, tf.mul(p.tauRc, tf.log1p(tf.div(1, jm1))));
  return tf.mul(on, tf.div(p.amplitude * p.tauRc, tf.mul(tf.square(den), tf.mul(jm1, tf.add(jm1, 1)))));
}
