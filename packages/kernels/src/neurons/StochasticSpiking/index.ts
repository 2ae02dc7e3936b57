import type { NeuronKernels } from "../../NeuronKernels.js";

/**
 * Nengo's StochasticSpiking: the simulator runs its reference step (the base type's step, then
 * stochastic rounding from the ensemble's seeded generator); the gradient engines refuse it.
 */
export const stochasticSpikingKernels: NeuronKernels = { kind: "StochasticSpiking" };
