import { ValidationError } from "../errors.js";
import { numAt } from "../internal/checked.js";
import { ChannelShape } from "./ChannelShape.js";
import { ConvolutionBase, type ConvolutionBaseOptions } from "./ConvolutionBase.js";
import { checkShape } from "./shapeChecks.js";

export interface ConvolutionTransposeOptions extends ConvolutionBaseOptions {
  /**
   * Shape of the output (a ChannelShape or its `shape`); default the smallest valid one,
   * `1 + (in - 1)·stride` (`+ kernel - 1` with "valid" padding) per spatial dimension.
   */
  readonly outputShape?: ChannelShape | readonly number[];
}

/**
 * The transpose of a {@link Convolution} (Nengo's `nengo.transforms.ConvolutionTranspose`):
 * `kernelSize`, `strides` and `padding` act as in the Convolution it transposes; `nFilters` and
 * `inputShape` are this transform's own (output channels, input shape).
 */
export class ConvolutionTranspose extends ConvolutionBase {
  readonly kind = "ConvolutionTranspose" as const;
  readonly outputShape: ChannelShape;

  /** @throws ValidationError naming `ConvolutionTranspose` for bad parameters or an output shape a Convolution would not map back to inputShape. */
  constructor(options: ConvolutionTransposeOptions) {
    super("ConvolutionTranspose", options, 1);
    const fail = (message: string): never => {
      throw new ValidationError({ object: "ConvolutionTranspose", attr: "outputShape", message });
    };
    const given = options.outputShape;
    if (given === undefined) {
      const out = this.inputShape.spatialShape.map(
        (s, i) => 1 + (s - 1) * numAt(this.strides, i) + (this.padding === "valid" ? numAt(this.kernelSize, i) - 1 : 0),
      );
      this.outputShape = ChannelShape.fromSpaceAndChannels(out, this.nFilters, { channelsLast: this.channelsLast });
    } else {
      this.outputShape =
        given instanceof ChannelShape
          ? given
          : new ChannelShape(checkShape("ConvolutionTranspose", "outputShape", given, null, 1), { channelsLast: this.channelsLast });
    }
    const o = this.outputShape;
    if (o.channelsLast !== this.channelsLast) fail(`its channelsLast (${o.channelsLast}) differs from the transform's (${this.channelsLast})`);
    if (o.dimensions !== this.inputShape.dimensions)
      fail(`the number of dimensions (${o.dimensions}) of ${o} does not match the number (${this.inputShape.dimensions}) of the input shape`);
    if (o.nChannels !== this.nFilters) fail(`the number of channels of ${o} does not match the number of filters (${this.nFilters})`);
    const back = this.forwardShape(o.spatialShape, this.inputShape.nChannels);
    if (!back.equals(this.inputShape))
      fail(`${o} would not produce the input shape ${this.inputShape} in a forward Convolution, so it is not a valid output shape`);
  }
}
