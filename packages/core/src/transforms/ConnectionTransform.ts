import type { Convolution } from "./Convolution.js";
import type { ConvolutionTranspose } from "./ConvolutionTranspose.js";
import type { Dense } from "./Dense.js";
import type { NoTransform } from "./NoTransform.js";
import type { Sparse } from "./Sparse.js";

/** The transforms a connection can hold, keyed by `kind`. */
export type ConnectionTransform = Dense | Sparse | Convolution | ConvolutionTranspose | NoTransform;
