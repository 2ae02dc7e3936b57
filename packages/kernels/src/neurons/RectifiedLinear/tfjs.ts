import type { TfOps } from "../../backends/gradientKernel.js";

/** The RectifiedLinear curve `amplitude · relu(J)` in tfjs ops. */
export function reluTf<T>(tf: TfOps<T>, amplitude: number, J: T): T {
  return tf.mul(amplitude, tf.relu(J));
}

/** Its derivative `amplitude · step(J)`. */
export function reluTfDerivative<T>(tf: TfOps<T>, amplitude: number, J: T): T {
  return tf.mul(amplitude, tf.step(J));
}
