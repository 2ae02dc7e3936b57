import type { Rng } from "@plexus/core";
import type { SimdKernels } from "./internal/simdKernels.js";
import type { Signal } from "./Signal.js";

/**
 * What a kernel's code is generated with: the identifiers of the generated step function and the
 * arena of the simulator being compiled. Offsets are fixed at build, so kernels emit them as
 * constants; objects a kernel needs at run time (functions, views, neuron types) are bound as
 * constants of the compiled function.
 */
export interface Emitter {
  /** Time step (s). */
  readonly dt: number;
  /** The simulator's arena (views of it may be bound with `view`): a Float32Array in float32 mode. */
  readonly arena: Float64Array | Float32Array;
  /** Bytes per arena entry: 8, or 4 in float32 mode (offset × entryBytes = byte address, for `simd`). */
  readonly entryBytes: 4 | 8;
  /** Identifier of the arena (a Float64Array, or a Float32Array in float32 mode) in the generated code. */
  readonly A: string;
  /** Identifier of the step number (1-based) in the generated code. */
  readonly n: string;
  /** Identifier of the time `n·dt` (s) in the generated code. */
  readonly t: string;
  /** Absolute offset of a signal in the arena. */
  offset(s: Signal): number;
  /**
   * A view of a signal (into the arena), for functions that take a Float64Array (neuron steps,
   * steppers, processes); in float32 mode it is a Float32Array, which they index the same way.
   */
  view(s: Signal): Float64Array;
  /** Binds a value as a constant of the generated code and returns its identifier. */
  bind(value: unknown, hint?: string): string;
  /** A fresh identifier for a local variable. */
  local(hint?: string): string;
  /**
   * Registers `fn` to run now and at every reset, with a generator factory seeded from the
   * simulator's seed and `path` (for processes and other run-time randomness).
   */
  onReset(fn: (rngFor: (...path: readonly (string | number)[]) => Rng) => void): void;
  /**
   * A function `(message, cause?) => never`, bound in the generated code, that aborts the step
   * with a SimulationError naming `owner` and the step.
   */
  failer(owner: string): (message: string, cause?: unknown) => never;
  /**
   * A statement calling one of the WebAssembly SIMD kernels bound to this arena with fixed
   * parameters (`ints`: byte offsets into the arena and counts; `floats`: f64 ones; see
   * SimdKernels), kept in a parameter block of the memory; or null where the arena is not a
   * WebAssembly memory: kernels then emit their JS form.
   */
  simd(name: keyof SimdKernels, ints: readonly number[], floats?: readonly number[]): string | null;
  /**
   * The list of the entries of `x` that are not 0 in this step (e.g. the neurons that spiked),
   * shared by the kernels that read `x`: an Int32Array `[count, j0, j1, ...]` (ascending). With
   * `fill`, the kernel that writes `x` promises to fill it every step as it writes `x`; readers of a
   * list that is not `filled` fill it themselves before using it.
   */
  activeList(x: Signal, fill?: boolean): ActiveList;
  /** A private Int32Array of `size` entries for this kernel (in the WebAssembly memory where there is one). */
  scratch(size: number, hint?: string): { readonly name: string; readonly byteOffset: number };
  /**
   * A per-simulator object shared by kernels and the simulator (e.g. the source of an input
   * port), made by `make` the first time `key` is asked for.
   */
  resource<T>(key: object, make: () => T): T;
  /**
   * Registers run-time state this kernel keeps outside the arena (a process's generator and
   * filter state): simulator snapshots save it and restores load it, in the order kernels
   * registered it. State in the arena needs nothing.
   */
  persist(state: KernelState): void;
}

/** Run-time state a kernel keeps outside the arena (see {@link Emitter.persist}). */
export interface KernelState {
  /** The kernel, as messages name it. */
  readonly owner: string;
  /** The state now, as float64 numbers (a fresh array, the same length every time). */
  save(): Float64Array;
  /**
   * Puts back what `save` returned on a simulator of the same plan.
   * @throws a PlexusError when `values` cannot be this kernel's state.
   */
  load(values: Float64Array): void;
}

/** See {@link Emitter.activeList}. */
export interface ActiveList {
  /** Identifier of the Int32Array (`x.size + 1` entries) in the generated code. */
  readonly name: string;
  /** Its byte offset in the arena's WebAssembly memory (for SIMD kernels), or -1. */
  readonly byteOffset: number;
  /** True when the writer of `x` fills it each step. */
  readonly filled: boolean;
}

/** The access modes of a kernel to its buffers, which order kernels within a step. */
export interface KernelAccess {
  /** Buffers read (after all their set and inc writers ran). */
  readonly reads: readonly Signal[];
  /** Buffers overwritten (before any inc writer and reader). */
  readonly sets: readonly Signal[];
  /** Buffers added to (after the set writer, before any reader). */
  readonly incs: readonly Signal[];
  /** Buffers written after every reader ran: what readers see is last step's value (synapses). */
  readonly updates: readonly Signal[];
}

/**
 * One operation of a step (Nengo's `Operator`): it declares the buffers it reads, sets,
 * increments and updates, and emits JS source for the fused step function. Kernels from outside
 * Plexus need not write source: `plainKernel` makes one from a plain function.
 */
export interface Kernel extends KernelAccess {
  /** The object it belongs to, as messages name it (`Node 'f'`). */
  readonly owner: string;
  /** What it does, for messages and plan listings (`synapse`, `neurons`, `weights`, ...). */
  readonly role: string;
  /** JS statements of this kernel (a block), using the emitter's identifiers. */
  emit(e: Emitter): string;
}

/** What a kernel builder may allocate at build time. */
export interface KernelContext {
  readonly dt: number;
  /** A new buffer of the arena (state, scratch), zero or `initial` at the start and every reset. */
  signal(name: string, size: number, initial?: Float64Array): Signal;
}
