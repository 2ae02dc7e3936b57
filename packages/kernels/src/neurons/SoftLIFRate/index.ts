import { ownCurve, type RateCurve, rateCurve } from "../../backends/gradientKernel.js";
import type { NeuronKernels } from "../../NeuronKernels.js";
import type { LifRateParams } from "../LIFRate/index.js";
import { softLifTf, softLifTfDerivative } from "./tfjs.js";
import { softLifCode } from "./typed.js";

/** The parameters of the SoftLIFRate curve. */
export interface SoftLifParams extends LifRateParams {
  readonly sigma: number;
}

/** nengo_dl's SoftLIFRate curve with its parameters bound, for the gradient engines. */
export function softLifCurve(p: SoftLifParams): RateCurve {
  return rateCurve("SoftLIFRate", p, { code: softLifCode, rate: softLifTf, derivative: softLifTfDerivative });
}

/** nengo_dl's SoftLIFRate: its reference step in the simulator; trained and inferred on its own curve. */
export const softLifRateKernels: NeuronKernels = {
  kind: "SoftLIFRate",
  gradient: ownCurve((param) => softLifCurve({ tauRc: param("tauRc"), tauRef: param("tauRef"), amplitude: param("amplitude"), sigma: param("sigma") })),
};
