/**
 * The loss of outputs against targets: for each output port with a target, the mean squared
 * error over batch, steps and dimensions; summed over the ports (as Keras sums per-output losses).
 */
export function portLoss(outputs: Readonly<Record<string, Float64Array>>, targets: Readonly<Record<string, Float64Array>>): number {
  let total = 0;
  for (const [name, t] of Object.entries(targets)) {
    const y = outputs[name]!;
    let sum = 0;
    for (let i = 0; i < t.length; i++) {
      const e = y[i]! - t[i]!;
      sum += e * e;
    }
    total += sum / t.length;
  }
  return total;
}
