// @plexus/simulator: a planned, allocation-free step simulator with Nengo 4.1 semantics.

export type { DirectEnsembleSignals, EnsembleSignals, NeuronEnsembleSignals, NodeSignals, ProbeRecord } from "./BuildContext.js";
export { BuildContext } from "./BuildContext.js";
export type { BuiltConnection, BuiltEnsemble, BuiltModel, SolverInfo } from "./Built.js";
export type { BuildOptions } from "./build.js";
export { build } from "./build.js";
export { Hash64 } from "./internal/hash64.js";
export type { ActiveList, Emitter, Kernel, KernelAccess, KernelContext, KernelState } from "./Kernel.js";
export type { FilterKernelBuilder, FilterSteps, SynapseKernelBuilder, SynapseKernelSpec } from "./kernels/filterKernels.js";
export type { NeuronKernelBuilder, NeuronKernelSpec } from "./kernels/neuronKernel.js";
export type { PlainKernelContext, PlainKernelSpec } from "./kernels/plainKernel.js";
export { plainKernel } from "./kernels/plainKernel.js";
export type { PlanData } from "./Plan.js";
export { Plan } from "./Plan.js";
export type { ObjectBuilders, Registry } from "./Registry.js";
export { defaultRegistry } from "./Registry.js";
export { Signal } from "./Signal.js";
export type { InputSource, ProbeData, SimulatorOptions, SnapshotOptions } from "./Simulator.js";
export { Simulator } from "./Simulator.js";
