// The part of the WebAssembly JS API the kernels use, typed here because the project's lib
// settings (ES2023, no DOM) do not declare it; undefined in runtimes without WebAssembly.

/** A compiled module (opaque). */
export interface CompiledModule {
  readonly __compiledModule?: never;
}

/** A linear memory. */
export interface LinearMemory {
  readonly buffer: ArrayBufferLike;
}

export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => CompiledModule;
  Instance: new (module: CompiledModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => LinearMemory;
}

export const wasmApi: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
