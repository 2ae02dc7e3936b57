import { ownCurve, type RateCurve, rateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import { tanhTf, tanhTfDerivative } from "./tfjs.js";
import { tanhCode } from "./typed.js";

/** The Tanh curve with `maxRate = 1 / tauRef` bound, for the gradient engines. */
export function tanhCurve(maxRate: number): RateCurve {
  return rateCurve("Tanh", maxRate, { code: tanhCode, rate: tanhTf, derivative: tanhTfDerivative });
}

/** Nengo's Tanh: its reference step in the simulator; trained and inferred on its own curve. */
export const tanhKernels: NeuronKernels = {
  kind: "Tanh",
  gradient: ownCurve((param) => tanhCurve(1 / param("tauRef"))),
};
