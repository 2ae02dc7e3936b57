import { TrainingError } from "@plexus/core";
import type { ParameterInfo } from "../CompiledModel.js";

/** The position of parameter `name` among `parameters` (both engines' lookup and its error). */
export function parameterIndex(index: ReadonlyMap<string, number>, parameters: readonly ParameterInfo[], name: string): number {
  const k = index.get(name);
  if (k === undefined) {
    throw new TrainingError(`CompiledModel: no parameter '${name}'; the parameters are ${parameters.map((p) => p.name).join(", ")}`, { label: name });
  }
  return k;
}

/** Copies `value` into a parameter's storage after checking its size (both engines' setParameter). */
export function writeParameter(target: { length: number; [i: number]: number }, value: ArrayLike<number>, info: ParameterInfo): void {
  if (value.length !== target.length) {
    throw new TrainingError(`CompiledModel.setParameter: '${info.name}' has ${target.length} values (shape [${info.shape.join(", ")}]), got ${value.length}`, { label: info.name });
  }
  for (let i = 0; i < target.length; i++) target[i] = value[i]!;
}
