// The typed engine's kernel of each differentiable rate curve: the code of its value and
// derivative. The curves' kernels live in the neuron types' folders of `@plexus/kernels` (each
// neuron type's kernels for every backend in one place); a RateModel carries its own.
import type { RateModel } from "../neuronModels.js";

/**
 * The statements setting `rv` (and, with `deriv`, `dv = d rv / d j`) from the current `j` (a
 * `const` in scope) for `model`; `rv` and `dv` are declared by the caller. They may read `exp`,
 * `log1p` and `tanh` (Math's) and hold numbers only.
 */
export function rateCode(model: RateModel, deriv: boolean): string {
  return model.code(deriv);
}
