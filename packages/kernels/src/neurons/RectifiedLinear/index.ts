import type { RateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import { reluTf, reluTfDerivative } from "./tfjs.js";
import { reluCode } from "./typed.js";

/** The RectifiedLinear curve with its amplitude bound, for the gradient engines. */
export function reluCurve(amplitude: number): RateCurve {
  return {
    kind: "RectifiedLinear",
    code: (deriv) => reluCode(amplitude, deriv),
    rate: (tf, J) => reluTf(tf, amplitude, J),
    derivative: (tf, J) => reluTfDerivative(tf, amplitude, J),
  };
}

/** Nengo's RectifiedLinear: its reference step in the simulator; trained and inferred on its own curve. */
export const rectifiedLinearKernels: NeuronKernels = {
  kind: "RectifiedLinear",
  gradient: {
    plan(_type, { param }) {
      const m = reluCurve(param("amplitude"));
      return { train: m, trainStep: false, infer: m };
    },
  },
};
