import { numAt } from "../internal/checked.js";
import { checkShape, product } from "./shapeChecks.js";

/**
 * The shape of a signal with channels (Nengo's `nengo.transforms.ChannelShape`): spatial
 * dimensions plus one channel dimension, last (`channelsLast`, e.g. `[28, 28, 3]`) or first
 * (`[3, 28, 28]`). The signal is the row-major flattening of that shape.
 */
export class ChannelShape {
  /** The full shape, channels included. */
  readonly shape: readonly number[];
  /** True when the channels are the last dimension (default), false when they are the first. */
  readonly channelsLast: boolean;

  /** @throws ValidationError unless `shape` has 2+ integer entries >= 1. */
  constructor(shape: readonly number[], options: { readonly channelsLast?: boolean } = {}) {
    this.shape = checkShape("ChannelShape", "shape", shape, null, 1);
    if (this.shape.length < 2) checkShape("ChannelShape", "shape", shape, 2, 1);
    this.channelsLast = options.channelsLast ?? true;
  }

  /** A shape from its spatial part and a channel count. */
  static fromSpaceAndChannels(spatialShape: readonly number[], nChannels: number, options: { readonly channelsLast?: boolean } = {}): ChannelShape {
    const last = options.channelsLast ?? true;
    return new ChannelShape(last ? [...spatialShape, nChannels] : [nChannels, ...spatialShape], { channelsLast: last });
  }

  /** The spatial part of the shape (without the channels). */
  get spatialShape(): readonly number[] {
    return this.channelsLast ? this.shape.slice(0, -1) : this.shape.slice(1);
  }

  /** The number of channels. */
  get nChannels(): number {
    return numAt(this.shape, this.channelsLast ? this.shape.length - 1 : 0);
  }

  /** The number of spatial dimensions. */
  get dimensions(): number {
    return this.shape.length - 1;
  }

  /** The number of entries of the signal. */
  get size(): number {
    return product(this.shape);
  }

  /** Same shape and channel position. */
  equals(other: ChannelShape): boolean {
    return this.channelsLast === other.channelsLast && this.shape.length === other.shape.length && this.shape.every((v, i) => v === other.shape[i]);
  }

  /** The flat index of spatial position `pos` (row-major) and channel `c`. */
  index(pos: readonly number[], c: number): number {
    const sp = this.spatialShape;
    let flat = 0;
    for (let i = 0; i < sp.length; i++) flat = flat * numAt(sp, i) + numAt(pos, i);
    return this.channelsLast ? flat * this.nChannels + c : c * product(sp) + flat;
  }

  /** `(28, 28, ch=3)`, as Nengo prints it. */
  toString(): string {
    const spatial = this.spatialShape.map(String);
    const ch = `ch=${this.nChannels}`;
    return `(${(this.channelsLast ? [...spatial, ch] : [ch, ...spatial]).join(", ")})`;
  }
}
