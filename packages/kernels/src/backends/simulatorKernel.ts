import type { NeuronType } from "@plexus/core";
import type { libm } from "@plexus/core/runtime";

/** The name of one of Plexus's libm functions (`@plexus/core/runtime`'s `libm`). */
export type LibmFunction = keyof typeof libm;

/**
 * What a generated simulator neuron kernel writes its source with: the arena, the offsets of its
 * buffers (fixed at build) and the simulator's shared step lists and scratch. The simulator adapts its
 * emitter to this (see `@plexus/simulator`'s neuron kernels).
 */
export interface NeuronSourceContext {
  /** Identifier of the arena in the generated code (a Float64Array, or a Float32Array for 4-byte entries). */
  readonly A: string;
  /** Time step (s). */
  readonly dt: number;
  readonly nNeurons: number;
  /** Bytes per arena entry: 8, or 4 in float32 mode (entries stored rounded to float32). */
  readonly entryBytes: 4 | 8;
  /** Arena offsets (entries) of the input current J, the output and each state variable. */
  readonly input: number;
  readonly output: number;
  readonly state: Readonly<Record<string, number>>;
  /**
   * The list of the neurons whose output is not 0 in this step, which the kernel fills as it
   * writes the output: an Int32Array `[count, i0, i1, ...]` (ascending), and its byte offset in
   * the WebAssembly memory (-1 when there is none).
   */
  spikeList(): { readonly name: string; readonly byteOffset: number };
  /** A private Int32Array of `size` entries (in the WebAssembly memory where there is one). */
  scratch(size: number, hint: string): { readonly name: string; readonly byteOffset: number };
  /**
   * A statement calling the WebAssembly kernel `name` (see `WasmNeuronKernel`) with fixed
   * parameters (`ints`: byte offsets and counts; `floats`: f64 ones), or null where the arena is
   * not a WebAssembly memory.
   */
  simd(name: string, ints: readonly number[], floats: readonly number[]): string | null;
  /**
   * The identifier of Plexus's libm function `name` in the generated code (bound into its scope
   * by index): generated kernels call it, never `Math.exp` and the like, whose last bits differ
   * between engines.
   */
  libm(name: LibmFunction): string;
  /**
   * The identifier of `value` (a function or an object of numbers the kernel's source uses) in
   * the generated code, bound into its scope by index (never its text).
   */
  bind(value: object, hint: string): string;
}

/** An input current the neuron kernel computes itself: `bias[i]`, or `bias[i] + (Σ_j enc[i][j]·x[j])`. */
export interface FusedCurrentSource {
  /** Arena offset of the bias. */
  readonly bias: number;
  /** Arena offsets of the row-major `nNeurons × cols` encoders and of their input, or null for the bias alone. */
  readonly encoders: { readonly weights: number; readonly x: number; readonly cols: number } | null;
  /** The JS expression of the current of neuron `i` (after `prelude`). */
  readonly expr: (i: string) => string;
  /** Statements to run before the loop (loading x). */
  readonly prelude: string;
}

/**
 * The simulator's generated-JS kernel of a neuron type: the step inlined with its parameters as
 * constants, the same operations as the type's reference `step` in the same order (so the same
 * bits). Types without one run their reference `step` (the simulator's generic kernel).
 */
export interface SimulatorNeuronKernel {
  /**
   * Whether the generated kernel serves `type` (with these state variables): built-in kernels
   * serve their exact class only, so that a subclass with its own `step` runs that step.
   */
  accepts(type: NeuronType, stateNames: readonly string[]): boolean;
  /**
   * JS statements stepping every neuron; with `current`, the kernel computes the input current
   * itself (and stores it in its input buffer), else it reads the input buffer.
   */
  source(type: NeuronType, ctx: NeuronSourceContext, current: FusedCurrentSource | null): string;
}
