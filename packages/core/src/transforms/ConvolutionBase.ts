import { Distribution } from "../distributions/Distribution.js";
import { Uniform } from "../distributions/Uniform.js";
import { ValidationError } from "../errors.js";
import { numAt } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import { firstNonFinite, type NumericLike } from "../internal/shape.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { ChannelShape } from "./ChannelShape.js";
import { checkShape, product } from "./shapeChecks.js";
import { Transform } from "./Transform.js";

/** A kernel given as nested arrays (`kernelSize + [inChannels / groups, nFilters]`) or flat, row-major. */
export type KernelLike = NumericLike | ArrayLike<ArrayLike<ArrayLike<number>>> | ArrayLike<ArrayLike<ArrayLike<ArrayLike<number>>>>;

/** Options shared by {@link Convolution} and {@link ConvolutionTranspose}. */
export interface ConvolutionBaseOptions {
  /** Number of output channels. */
  readonly nFilters: number;
  /** Shape of the input signal: a ChannelShape, or its `shape` (read with `channelsLast`). */
  readonly inputShape: ChannelShape | readonly number[];
  /** Kernel size per spatial dimension (default `[3, 3]`). */
  readonly kernelSize?: readonly number[];
  /** Stride per spatial dimension (default `[1, 1]`). */
  readonly strides?: readonly number[];
  /** `"valid"` (default: no padding) or `"same"` (zero padding, output size `ceil(input / stride)`). */
  readonly padding?: "valid" | "same";
  /** Channels last (default true, e.g. `[28, 28, 3]`) or first (`[3, 28, 28]`). */
  readonly channelsLast?: boolean;
  /**
   * The kernel, shape `kernelSize + [inChannels / groups, nFilters]` (nested arrays or flat,
   * row-major), or a Distribution sampled at build with the connection's seed (default
   * `Uniform(-1, 1)`, as Nengo).
   */
  readonly init?: KernelLike | Distribution;
}

/** The parameters and checks common to the convolution transforms (Nengo's `_ConvolutionBase`). */
export abstract class ConvolutionBase extends Transform {
  readonly nFilters: number;
  readonly inputShape: ChannelShape;
  readonly kernelSize: readonly number[];
  readonly strides: readonly number[];
  readonly padding: "valid" | "same";
  readonly channelsLast: boolean;
  /** Groups of input and output channels (1: every output channel sees every input channel). */
  readonly groups: number;
  /** The kernel (flat, row-major over `kernelShape`), or the distribution to sample. */
  readonly init: Float64Array | Distribution;

  protected constructor(name: string, options: ConvolutionBaseOptions, groups: number) {
    super();
    const opts = optionsObject(options, name);
    const fail = (attr: string, message: string): never => {
      throw new ValidationError({ object: name, attr, message });
    };
    this.nFilters = numAt(checkShape(name, "nFilters", [opts.nFilters], 1, 1), 0);
    this.channelsLast = opts.channelsLast ?? true;
    const given = opts.inputShape;
    this.inputShape =
      given instanceof ChannelShape ? given : new ChannelShape(checkShape(name, "inputShape", given, null, 1), { channelsLast: this.channelsLast });
    if (this.inputShape.channelsLast !== this.channelsLast)
      fail("inputShape", `its channelsLast (${this.inputShape.channelsLast}) differs from the transform's (${this.channelsLast})`);
    const d = this.inputShape.dimensions;
    this.kernelSize = checkShape(name, "kernelSize", opts.kernelSize ?? [3, 3], null, 1);
    if (this.kernelSize.length !== d) fail("kernelSize", `kernel dimensions (${this.kernelSize.length}) do not match input dimensions (${d})`);
    this.strides = checkShape(name, "strides", opts.strides ?? [1, 1], null, 1);
    if (this.strides.length !== d) fail("strides", `stride dimensions (${this.strides.length}) do not match input dimensions (${d})`);
    const padding = opts.padding ?? "valid";
    if (padding !== "valid" && padding !== "same") fail("padding", `must be "valid" or "same" (got ${showValue(padding)})`);
    this.padding = padding;
    this.groups = numAt(checkShape(name, "groups", [groups], 1, 1), 0);
    const inC = this.inputShape.nChannels;
    if (this.groups > inC) fail("groups", `groups (${this.groups}) cannot be greater than the number of input channels (${inC})`);
    if (inC % this.groups !== 0 || this.nFilters % this.groups !== 0) {
      fail("groups", `both the number of input channels (${inC}) and filters (${this.nFilters}) must be evenly divisible by groups (${this.groups})`);
    }
    const init = opts.init ?? new Uniform(-1, 1);
    this.init = init instanceof Distribution ? init : kernelValues(name, init, this.kernelShape, fail);
  }

  /** The kernel's shape: `kernelSize + [inChannels / groups, nFilters]`. */
  get kernelShape(): readonly number[] {
    return [...this.kernelSize, this.inputShape.nChannels / this.groups, this.nFilters];
  }

  /** The number of spatial dimensions. */
  get dimensions(): number {
    return this.inputShape.dimensions;
  }

  /** The shape of the output signal. */
  abstract readonly outputShape: ChannelShape;

  get sizeIn(): number {
    return this.inputShape.size;
  }

  get sizeOut(): number {
    return this.outputShape.size;
  }

  /**
   * The kernel, flat row-major over `kernelShape`: `init` as given, or drawn from `rng` as
   * Nengo's `sample` does (`prod(kernelSize)` draws of `inChannels/groups × nFilters`).
   */
  sample(rng: Rng): Float64Array {
    if (!(this.init instanceof Distribution)) return Float64Array.from(this.init);
    const per = (this.inputShape.nChannels / this.groups) * this.nFilters;
    const out = new Float64Array(product(this.kernelSize) * per);
    for (let k = 0; k < product(this.kernelSize); k++) {
      out.set(this.init.sample(this.inputShape.nChannels / this.groups, this.nFilters, rng).subarray(0, per), k * per);
    }
    return out;
  }

  /** The output shape of a forward convolution of `spatial` with this transform's kernel, strides and padding. */
  protected forwardShape(spatial: readonly number[], nChannels: number): ChannelShape {
    const out = spatial.map((s, i) => Math.ceil((this.padding === "valid" ? s - numAt(this.kernelSize, i) + 1 : s) / numAt(this.strides, i)));
    return ChannelShape.fromSpaceAndChannels(out, nChannels, { channelsLast: this.channelsLast });
  }
}

/** Nested or flat kernel values, checked against `shape`. */
function kernelValues(name: string, init: KernelLike, shape: readonly number[], fail: (attr: string, message: string) => never): Float64Array {
  const flat: number[] = [];
  const dims: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === "number") {
      flat.push(v);
      if (depth < dims.length) fail("init", "the kernel's nesting is ragged");
      return;
    }
    if (v === null || typeof v !== "object" || typeof (v as { length?: unknown }).length !== "number")
      return void fail("init", `entries must be numbers (got ${showValue(v)})`);
    const a = v as ArrayLike<unknown>;
    if (dims.length === depth) dims.push(a.length);
    else if (dims[depth] !== a.length) fail("init", "the kernel's nesting is ragged");
    for (let i = 0; i < a.length; i++) walk(a[i], depth + 1);
  };
  walk(init, 0);
  const total = product(shape);
  const nestedOk = dims.length === shape.length && dims.every((v, i) => v === shape[i]);
  if (!nestedOk && !(dims.length === 1 && flat.length === total)) {
    fail("init", `kernel shape (${dims.join(", ")}) does not match the expected shape (${shape.join(", ")}) of ${name}`);
  }
  const out = Float64Array.from(flat);
  const bad = firstNonFinite(out);
  if (bad >= 0) fail("init", `entry ${bad} is ${out[bad]}; kernels must be finite`);
  return out;
}
