import type { RateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import { sigmoidSimulatorKernel } from "./simulator.js";
import { sigmoidTf, sigmoidTfDerivative } from "./tfjs.js";
import { sigmoidCode } from "./typed.js";

/** The Sigmoid curve with `maxRate = 1 / tauRef` bound, for the gradient engines. */
export function sigmoidCurve(maxRate: number): RateCurve {
  return {
    kind: "Sigmoid",
    code: (deriv) => sigmoidCode(maxRate, deriv),
    rate: (tf, J) => sigmoidTf(tf, maxRate, J),
    derivative: (tf, J) => sigmoidTfDerivative(tf, maxRate, J),
  };
}

/** Nengo's Sigmoid: generated simulator step; trained and inferred on its own curve. */
export const sigmoidKernels: NeuronKernels = {
  kind: "Sigmoid",
  simulator: sigmoidSimulatorKernel,
  gradient: {
    plan(_type, { param }) {
      const m = sigmoidCurve(1 / param("tauRef"));
      return { train: m, trainStep: false, infer: m };
    },
  },
};
