// `@plexus/core/runtime`: the machinery the Plexus packages share (simulator, trainer, coupler,
// and the kernels package), defined once here because core's own solvers use it too. It is not
// part of the modelling API and may change between minor versions; applications should not need
// it.

export { networkArgument } from "./internal/argumentChecks.js";
export { elemAt, f64At, i32At, numAt } from "./internal/checked.js";
export {
  contentHashMatches,
  type EnvelopeFormat,
  envelopeHeader,
  envelopeIdHash,
  type OpenedEnvelope,
  openEnvelope,
  pad8,
  sealEnvelope,
  writeEnvelope,
} from "./internal/envelope.js";
export { lit } from "./internal/jsLiteral.js";
export { matMul } from "./internal/linalg/dense.js";
export { f64, i32, type Local, type ValType, v128, WasmFunction, WasmModule } from "./internal/linalg/wasm/WasmAssembler.js";
export { type CompiledModule, type LinearMemory, type WasmApi, wasmApi } from "./internal/linalg/wasm/wasmApi.js";
export { kindOf } from "./internal/optionsObject.js";
export { roundHalfEven } from "./internal/roundHalfEven.js";
export { helperCores, type KernelWorker, startKernelWorker } from "./internal/worker/workerRuntime.js";
/** Our libm, one namespace: `libm.exp(x)` where code would write `Math.exp(x)` (the same bits in every engine). */
export * as libm from "./runtime/libm.js";
