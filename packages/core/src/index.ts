// @plexus/core: the IR. Each export is listed by name; sections are owned by the area named.

// --- errors and randomness
export { ErrorCode, PlexusError, ValidationError, BuildError, PortError, SimulationError, TrainingError, CouplingError, BundleError, formatIssue } from "./errors.js";
export type { Issue, PlexusErrorOptions } from "./errors.js";
export { Rng, deriveSeed } from "./Rng.js";

// --- distributions
export { Distribution } from "./distributions/Distribution.js";
export type { DistOrArray } from "./distributions/Distribution.js";
export { Uniform } from "./distributions/Uniform.js";

// --- neurons
export { NeuronType } from "./neurons/NeuronType.js";
export type { GainBias, MaxRatesIntercepts, NeuronStateSpec } from "./neurons/NeuronType.js";

// --- synapses
export { Synapse } from "./synapses/Synapse.js";
export type { DiscreteFilter, FilterStepper, SynapseLike } from "./synapses/Synapse.js";

// --- processes
export { Process } from "./processes/Process.js";
export type { ProcessStep } from "./processes/Process.js";

// --- solvers
export { Solver } from "./solvers/Solver.js";
export type { SolveResult } from "./solvers/Solver.js";

// --- IR objects

// --- networks library
