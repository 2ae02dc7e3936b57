import type { NeuronKernels } from "../../NeuronKernels.js";

/**
 * Nengo's PoissonSpiking: the simulator runs its reference step (the base type's step, then
 * Poisson counts from the ensemble's seeded generator); the gradient engines refuse it.
 */
export const poissonSpikingKernels: NeuronKernels = { kind: "PoissonSpiking" };
