import type { TfOps } from "../../backends/gradientKernel.js";

/** The Tanh curve `maxRate · tanh(J)` in tfjs ops. */
export function tanhTf<T>(tf: TfOps<T>, maxRate: number, J: T): T {
  return tf.mul(maxRate, tf.tanh(J));
}

/** Its derivative `maxRate · (1 - tanh(J)²)`. */
export function tanhTfDerivative<T>(tf: TfOps<T>, maxRate: number, J: T): T {
  const th = tf.tanh(J);
  return tf.mul(maxRate, tf.sub(1, tf.square(th)));
}
