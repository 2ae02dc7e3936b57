// @plexus/trainer. Each export is listed by name; sections are owned by the area named.

// --- gradient engines: the compiled-model contract and optimisers
export type { BatchData, CompileOptions, CompiledModel, Dtype, Engine, LossSpec, ParameterInfo, SpikingApproximation } from "./engine/CompiledModel.js";
export { adam, sgd, optimizerState, OptimizerState } from "./engine/Optimizer.js";
export type { AdamSpec, OptimizerSpec, SgdSpec } from "./engine/Optimizer.js";
