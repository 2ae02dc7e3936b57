export type { GradientNeuronKernel, GradientNeuronPlan, RateCurve, SpikingApproximation, TfOps } from "./backends/gradientKernel.js";
export type { FusedCurrentSource, NeuronSourceContext, SimulatorNeuronKernel } from "./backends/simulatorKernel.js";
export type { WasmNeuronKernel } from "./backends/wasmKernel.js";
export { defaultNeuronKernels } from "./defaultNeuronKernels.js";
export type { NeuronKernelRegistry, NeuronKernels } from "./NeuronKernels.js";
export { type ArenaIo, arenaIo, countUp, op as wasmOp, PARAMS_BYTES, PARAMS_F64, v128Load, v128Store, withParams } from "./wasm/arenaIo.js";
