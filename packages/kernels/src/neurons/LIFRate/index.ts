import { ownCurve, type RateCurve, rateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import { lifRateTf, lifRateTfDerivative } from "./tfjs.js";
import { lifRateCode } from "./typed.js";

/** The parameters of the LIFRate curve. */
export interface LifRateParams {
  readonly tauRc: number;
  readonly tauRef: number;
  readonly amplitude: number;
}

/** The LIFRate curve with its parameters bound, for the gradient engines. */
export function lifRateCurve(p: LifRateParams): RateCurve {
  return rateCurve("LIFRate", p, { code: lifRateCode, rate: lifRateTf, derivative: lifRateTfDerivative });
}

/** Nengo's LIFRate: its reference step in the simulator; trained and inferred on its own curve. */
export const lifRateKernels: NeuronKernels = {
  kind: "LIFRate",
  gradient: ownCurve((param) => lifRateCurve({ tauRc: param("tauRc"), tauRef: param("tauRef"), amplitude: param("amplitude") })),
};
