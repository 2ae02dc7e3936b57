import type { WasmFunction } from "@plexus/core/runtime";

/**
 * A neuron type's WebAssembly function in the simulator's step module: `name` is what its
 * simulator kernel passes to `NeuronSourceContext.simd`; `write(E)` writes it for arena entries of
 * `E` bytes (its only argument the byte address of a parameter block, see `withParams`).
 */
export interface WasmNeuronKernel {
  readonly name: string;
  write(entryBytes: 4 | 8): WasmFunction;
}
