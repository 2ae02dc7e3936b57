/**
 * What every connection transform has (Nengo's `nengo.transforms.Transform`): the size it takes
 * and the size it gives. The concrete transforms are {@link Dense}, {@link Sparse},
 * {@link Convolution}, {@link ConvolutionTranspose} and {@link NoTransform}; the IR holds only
 * their parameters, the simulator and trainer decide how to apply them.
 */
export abstract class Transform {
  abstract readonly kind: TransformKind;
  /** Size of the input vector. */
  abstract readonly sizeIn: number;
  /** Size of the output vector. */
  abstract readonly sizeOut: number;
}

/** The discriminant of the transforms. */
export type TransformKind = "Dense" | "Sparse" | "Convolution" | "ConvolutionTranspose" | "NoTransform";
