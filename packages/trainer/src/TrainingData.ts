import type { PortDims } from "@plexus/core";

/**
 * A flat, row-major `[batch][steps][dims]` array with its shape: example, then time step, then
 * dimension. `predict` returns its outputs in this form.
 */
export interface DataArray {
  readonly data: Float64Array;
  /** `[batch, steps, dims]`. */
  readonly shape: readonly [batch: number, steps: number, dims: number];
}

/**
 * The data of one port, shaped `[batch][steps][dims]`, in any of three forms:
 * - nested arrays `data[example][step][dim]` (rows may be typed arrays);
 * - a {@link DataArray}: a flat row-major Float64Array with its explicit shape;
 * - a bare Float64Array: single-step examples, `[length / dims][1][dims]` (`dims` is the port's).
 */
export type PortData = ReadonlyArray<ReadonlyArray<ArrayLike<number>>> | DataArray | Float64Array;

/** Data for each input port of a network with input ports `I`. */
export type PortInputs<I extends PortDims> = { readonly [K in keyof I]: PortData };

/** Targets for output ports of a network with output ports `O` (a port without a target adds nothing to the loss). */
export type PortTargets<O extends PortDims> = { readonly [K in keyof O]?: PortData };

/** Outputs of each output port of a network with output ports `O`. */
export type PortOutputs<O extends PortDims> = { readonly [K in keyof O]: DataArray };

/**
 * Training or evaluation data: one array per input port (all of them) and per output port with a
 * target (at least one). Every array has the same batch size and number of steps.
 */
export interface TrainingData<I extends PortDims = PortDims, O extends PortDims = PortDims> {
  readonly inputs: PortInputs<I>;
  readonly targets: PortTargets<O>;
}
