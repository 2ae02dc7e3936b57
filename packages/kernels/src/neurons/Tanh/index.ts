import type { RateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import { tanhTf, tanhTfDerivative } from "./tfjs.js";
import { tanhCode } from "./typed.js";

/** The Tanh curve with `maxRate = 1 / tauRef` bound, for the gradient engines. */
export function tanhCurve(maxRate: number): RateCurve {
  return {
    kind: "Tanh",
    code: (deriv) => tanhCode(maxRate, deriv),
    rate: (tf, J) => tanhTf(tf, maxRate, J),
    derivative: (tf, J) => tanhTfDerivative(tf, maxRate, J),
  };
}

/** Nengo's Tanh: its reference step in the simulator; trained and inferred on its own curve. */
export const tanhKernels: NeuronKernels = {
  kind: "Tanh",
  gradient: {
    plan(_type, { param }) {
      const m = tanhCurve(1 / param("tauRef"));
      return { train: m, trainStep: false, infer: m };
    },
  },
};
