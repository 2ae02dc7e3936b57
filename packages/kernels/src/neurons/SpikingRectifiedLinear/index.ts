import type { NeuronKernels } from "../../NeuronKernels.js";
import { reluCurve } from "../RectifiedLinear/index.js";

/**
 * Nengo's SpikingRectifiedLinear: its reference step in the simulator; trained on the
 * RectifiedLinear curve (or its own step with that curve's derivative, for surrogate gradients),
 * its own step in inference.
 */
export const spikingRectifiedLinearKernels: NeuronKernels = {
  kind: "SpikingRectifiedLinear",
  gradient: {
    plan(_type, { param, approximation }) {
      return { train: reluCurve(param("amplitude")), trainStep: approximation === "surrogate", infer: null };
    },
  },
};
