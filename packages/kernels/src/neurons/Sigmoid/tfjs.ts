import type { TfOps } from "../../backends/gradientKernel.js";

/** The Sigmoid curve `maxRate · sigmoid(J)` in tfjs ops. */
export function sigmoidTf<T>(tf: TfOps<T>, maxRate: number, J: T): T {
  return tf.mul(maxRate, tf.sigmoid(J));
}

/** Its derivative `maxRate · s · (1 - s)`. */
export function sigmoidTfDerivative<T>(tf: TfOps<T>, maxRate: number, J: T): T {
  const s = tf.sigmoid(J);
  return tf.mul(maxRate, tf.mul(s, tf.sub(1, s)));
}
