import { ownCurve, type RateCurve, rateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import { sigmoidSimulatorKernel } from "./simulator.js";
import { sigmoidTf, sigmoidTfDerivative } from "./tfjs.js";
import { sigmoidCode } from "./typed.js";

/** The Sigmoid curve with `maxRate = 1 / tauRef` bound, for the gradient engines. */
export function sigmoidCurve(maxRate: number): RateCurve {
  return rateCurve("Sigmoid", maxRate, { code: sigmoidCode, rate: sigmoidTf, derivative: sigmoidTfDerivative });
}

/** Nengo's Sigmoid: generated simulator step; trained and inferred on its own curve. */
export const sigmoidKernels: NeuronKernels = {
  kind: "Sigmoid",
  simulator: sigmoidSimulatorKernel,
  gradient: ownCurve((param) => sigmoidCurve(1 / param("tauRef"))),
};
