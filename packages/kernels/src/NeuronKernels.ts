import type { NeuronKind } from "@plexus/core";
import type { GradientNeuronKernel } from "./backends/gradientKernel.js";
import type { SimulatorNeuronKernel } from "./backends/simulatorKernel.js";
import type { WasmNeuronKernel } from "./backends/wasmKernel.js";

/**
 * The kernels of one neuron type, by backend (TensorFlow.js's op/kernel split: the type's maths is
 * its reference `step`/`rates` in `@plexus/core`; each backend's kernel for it sits in the type's
 * folder under `src/neurons/`). A backend without an entry falls back: the simulator runs the
 * reference `step`, the gradient engines refuse the type by name.
 */
export interface NeuronKernels {
  readonly kind: NeuronKind;
  /** The simulator's generated-JS step. */
  readonly simulator?: SimulatorNeuronKernel;
  /** A WebAssembly function of the simulator's step module (called by `simulator`). */
  readonly wasm?: WasmNeuronKernel;
  /** The gradient engines' plan (typed adjoint and tfjs kernels of the curve it trains on). */
  readonly gradient?: GradientNeuronKernel;
}

/** Neuron kernels by kind: an explicit registry, passed to whoever builds (no registration by import). */
export type NeuronKernelRegistry = Readonly<Partial<Record<NeuronKind, NeuronKernels>>>;
