import { TrainingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import type { LossFunction, LossSpec } from "../engine/CompiledModel.js";

/**
 * The loss of outputs against targets, as the engines compute it: for each output port with a
 * target, `"mse"` (the mean squared error over batch, steps and dimensions, the default) or the
 * `LossFunction`'s value; summed over the ports. Arrays are `batchSize × steps × dims`.
 */
export function portLoss(
  outputs: Readonly<Record<string, Float64Array>>,
  targets: Readonly<Record<string, Float64Array>>,
  loss: LossSpec | LossFunction = "mse",
  batchSize = 1,
  steps = 1,
): number {
  let total = 0;
  for (const [name, t] of Object.entries(targets)) {
    const y = outputs[name];
    if (y === undefined || y.length !== t.length) {
      throw new TrainingError(`out.${name}: the network gave ${y?.length ?? 0} output values for ${t.length} target values`, { label: `out.${name}` });
    }
    if (loss !== "mse") {
      total += loss.value(y, t, null, { batchSize, steps, dims: t.length / (batchSize * steps) });
      continue;
    }
    let sum = 0;
    for (let i = 0; i < t.length; i++) {
      const e = f64At(y, i) - f64At(t, i);
      sum += e * e;
    }
    total += sum / t.length;
  }
  return total;
}
