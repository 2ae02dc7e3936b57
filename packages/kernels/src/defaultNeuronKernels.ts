import type { NeuronKernelRegistry } from "./NeuronKernels.js";
import { lifKernels } from "./neurons/LIF/index.js";
import { lifRateKernels } from "./neurons/LIFRate/index.js";
import { poissonSpikingKernels } from "./neurons/PoissonSpiking/index.js";
import { rectifiedLinearKernels } from "./neurons/RectifiedLinear/index.js";
import { sigmoidKernels } from "./neurons/Sigmoid/index.js";
import { softLifRateKernels } from "./neurons/SoftLIFRate/index.js";
import { spikingRectifiedLinearKernels } from "./neurons/SpikingRectifiedLinear/index.js";
import { stochasticSpikingKernels } from "./neurons/StochasticSpiking/index.js";
import { tanhKernels } from "./neurons/Tanh/index.js";

/**
 * The built-in neuron kernels, by kind. Kinds without an entry (AdaptiveLIF, AdaptiveLIFRate,
 * Izhikevich, RegularSpiking, Direct), or without a backend's kernel in theirs, run their reference
 * `step` in the simulator and are refused by the gradient engines.
 */
export const defaultNeuronKernels: NeuronKernelRegistry = Object.freeze({
  LIF: lifKernels,
  LIFRate: lifRateKernels,
  SoftLIFRate: softLifRateKernels,
  Sigmoid: sigmoidKernels,
  Tanh: tanhKernels,
  RectifiedLinear: rectifiedLinearKernels,
  SpikingRectifiedLinear: spikingRectifiedLinearKernels,
  PoissonSpiking: poissonSpikingKernels,
  StochasticSpiking: stochasticSpikingKernels,
});
