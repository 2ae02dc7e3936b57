// `@plexus/core/runtime`: the machinery the Plexus packages share (simulator, trainer, coupler,
// and the kernels package), defined once here because core's own solvers use it too. It is not
// part of the modelling API and may change between minor versions; applications should not need
// it.
export { lit } from "./internal/jsLiteral.js";
export { roundHalfEven } from "./internal/roundHalfEven.js";
export { f64, i32, v128, WasmFunction, WasmModule, type Local, type ValType } from "./internal/linalg/wasm/WasmAssembler.js";
export { wasmApi, type CompiledModule, type LinearMemory, type WasmApi } from "./internal/linalg/wasm/wasmApi.js";
export { helperCores, startKernelWorker, type KernelWorker } from "./internal/worker/workerRuntime.js";
