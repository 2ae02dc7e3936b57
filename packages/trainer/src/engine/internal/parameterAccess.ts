import { TrainingError } from "@plexus/core";
import { numAt } from "@plexus/core/runtime";
import type { ParameterInfo } from "../CompiledModel.js";

/** What `index` holds for parameter `name` (its position, or its storage): both engines' lookup and its error. */
export function parameterIndex<T>(index: ReadonlyMap<string, T>, parameters: readonly ParameterInfo[], name: string): T {
  const k = index.get(name);
  if (k === undefined) {
    throw new TrainingError(`CompiledModel: no parameter '${name}'; the parameters are ${parameters.map((p) => p.name).join(", ")}`, { label: name });
  }
  return k;
}

/**
 * Copies `value` (the network's value) into a parameter's storage after checking its size, times
 * its row scale if it has one (both engines' setParameter).
 */
export function writeParameter(
  target: { length: number; [i: number]: number },
  value: ArrayLike<number>,
  info: ParameterInfo,
  rowScale: Float64Array | null = null,
): void {
  if (value.length !== target.length) {
    throw new TrainingError(`CompiledModel.setParameter: '${info.name}' has ${target.length} values (shape [${info.shape.join(", ")}]), got ${value.length}`, {
      label: info.name,
    });
  }
  if (rowScale === null) {
    for (let i = 0; i < target.length; i++) target[i] = numAt(value, i);
    return;
  }
  const d = target.length / rowScale.length;
  rowScale.forEach((scale, r) => {
    for (let i = r * d; i < (r + 1) * d; i++) target[i] = numAt(value, i) * scale;
  });
}

/** A parameter's value as the network has it (the simulator's overrides): its storage, divided by its row scale if it has one. */
export function readParameter(stored: ArrayLike<number>, rowScale: Float64Array | null): Float64Array {
  const out = Float64Array.from(stored);
  if (rowScale === null) return out;
  const d = out.length / rowScale.length;
  rowScale.forEach((scale, r) => out.subarray(r * d, (r + 1) * d).forEach((v, j, row) => (row[j] = v / scale)));
  return out;
}
