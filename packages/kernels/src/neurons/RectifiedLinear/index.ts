import { ownCurve, type RateCurve, rateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import { reluTf, reluTfDerivative } from "./tfjs.js";
import { reluCode } from "./typed.js";

/** The RectifiedLinear curve with its amplitude bound, for the gradient engines. */
export function reluCurve(amplitude: number): RateCurve {
  return rateCurve("RectifiedLinear", amplitude, { code: reluCode, rate: reluTf, derivative: reluTfDerivative });
}

/** Nengo's RectifiedLinear: its reference step in the simulator; trained and inferred on its own curve. */
export const rectifiedLinearKernels: NeuronKernels = {
  kind: "RectifiedLinear",
  gradient: ownCurve((param) => reluCurve(param("amplitude"))),
};
