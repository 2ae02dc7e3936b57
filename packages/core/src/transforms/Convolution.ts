import { ValidationError } from "../errors.js";
import { numAt } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { ChannelShape } from "./ChannelShape.js";
import { ConvolutionBase, type ConvolutionBaseOptions } from "./ConvolutionBase.js";

export interface ConvolutionOptions extends ConvolutionBaseOptions {
  /**
   * Groups of channels (default 1): output channel group g sees only input channel group g
   * (`groups = inChannels = nFilters` is a depthwise convolution).
   */
  readonly groups?: number;
}

/**
 * An N-dimensional convolution transform (Nengo's `nengo.transforms.Convolution`; technically a
 * correlation: the kernel is not flipped). `kernelSize`, `strides` and `padding` are per spatial
 * dimension; 1-D and 2-D inputs are what Nengo's reference simulator runs.
 */
export class Convolution extends ConvolutionBase {
  readonly kind = "Convolution" as const;
  readonly outputShape: ChannelShape;

  /** @throws ValidationError naming `Convolution` and the attribute for any bad parameter. */
  constructor(options: ConvolutionOptions) {
    super("Convolution", options, optionsObject(options, "Convolution").groups ?? 1);
    if (this.padding === "valid") {
      this.kernelSize.forEach((k, i) => {
        const s = numAt(this.inputShape.spatialShape, i);
        if (k > s) {
          throw new ValidationError({
            object: "Convolution",
            attr: "padding",
            message: `kernel size for spatial dimension ${i} (${k}) exceeds the spatial size of that dimension (${s}); with "valid" padding the output would be empty`,
          });
        }
      });
    }
    this.outputShape = this.forwardShape(this.inputShape.spatialShape, this.nFilters);
  }
}
