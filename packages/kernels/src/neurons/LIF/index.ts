import type { NeuronKernels } from "../../NeuronKernels.js";
import { softLifCurve } from "../SoftLIFRate/index.js";
import { lifSimulatorKernel } from "./simulator.js";
import { lifWasm } from "./wasm.js";

/**
 * Nengo's LIF: a generated simulator step with a WebAssembly SIMD part; trained on the SoftLIFRate
 * curve with the trainer's sigma (or its own step with that curve's derivative, for surrogate
 * gradients), its own step in inference.
 */
export const lifKernels: NeuronKernels = {
  kind: "LIF",
  simulator: lifSimulatorKernel,
  wasm: { name: "lif", write: lifWasm },
  gradient: {
    plan(_type, { param, approximation, sigma }) {
      const train = softLifCurve({ tauRc: param("tauRc"), tauRef: param("tauRef"), amplitude: param("amplitude"), sigma });
      return { train, trainStep: approximation === "surrogate", infer: null };
    },
  },
};
