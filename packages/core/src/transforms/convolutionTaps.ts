import { numAt } from "../internal/checked.js";
import type { Convolution } from "./Convolution.js";
import type { ConvolutionTranspose } from "./ConvolutionTranspose.js";
import { product } from "./shapeChecks.js";

/**
 * Which input entries and kernel entries make each output entry of a convolution transform:
 * output `o` is `Σ_{k in rowPtr[o]..rowPtr[o+1]} kernel[kernelIndex[k]] · x[inputIndex[k]]`
 * (a CSR matrix whose values are kernel entries). Within an output the terms are in the order
 * Nengo sums them: kernel offsets row-major then input channels (for a ConvolutionTranspose, the
 * offsets of its flipped kernel).
 */
export interface ConvolutionTaps {
  readonly rowPtr: Int32Array;
  readonly inputIndex: Int32Array;
  readonly kernelIndex: Int32Array;
}

/** The taps of a Convolution or ConvolutionTranspose (any number of spatial dimensions). */
export function convolutionTaps(t: Convolution | ConvolutionTranspose): ConvolutionTaps {
  const transpose = t.kind === "ConvolutionTranspose";
  const inS = t.inputShape;
  const outS = t.outputShape;
  const d = t.dimensions;
  const K = t.kernelSize;
  const S = t.strides;
  // the forward convolution's padding before each dimension: forward input = the transpose's output
  const fwdIn = transpose ? outS.spatialShape : inS.spatialShape;
  const fwdOut = transpose ? inS.spatialShape : outS.spatialShape;
  const pad0 = fwdIn.map((n, i) => (t.padding === "same" ? Math.floor(Math.max((numAt(fwdOut, i) - 1) * numAt(S, i) + numAt(K, i) - n, 0) / 2) : 0));
  const F = t.nFilters;
  const cg = inS.nChannels / t.groups;
  const fg = F / t.groups;
  const nK = product(K);
  const rowPtr = new Int32Array(outS.size + 1);
  const inputs: number[] = [];
  const kernel: number[] = [];
  const outSp = outS.spatialShape;
  const pos = new Array<number>(d).fill(0);
  const off = new Array<number>(d).fill(0);
  const src = new Array<number>(d).fill(0);
  for (let o = 0; o < outS.size; o++) {
    // decode o into its spatial position and channel f
    let rest = o;
    let f: number;
    if (outS.channelsLast) {
      f = rest % F;
      rest = Math.floor(rest / F);
      for (let i = d - 1; i >= 0; i--) {
        pos[i] = rest % numAt(outSp, i);
        rest = Math.floor(rest / numAt(outSp, i));
      }
    } else {
      const sp = product(outSp);
      f = Math.floor(rest / sp);
      rest %= sp;
      for (let i = d - 1; i >= 0; i--) {
        pos[i] = rest % numAt(outSp, i);
        rest = Math.floor(rest / numAt(outSp, i));
      }
    }
    const g = Math.floor(f / fg);
    for (let step = 0; step < nK; step++) {
      const kf = transpose ? nK - 1 - step : step;
      let r = kf;
      for (let i = d - 1; i >= 0; i--) {
        off[i] = r % numAt(K, i);
        r = Math.floor(r / numAt(K, i));
      }
      let inside = true;
      for (let i = 0; i < d && inside; i++) {
        if (transpose) {
          const q = numAt(pos, i) + numAt(pad0, i) - numAt(off, i); // = q·stride
          inside = q >= 0 && q % numAt(S, i) === 0 && q / numAt(S, i) < numAt(inS.spatialShape, i);
          src[i] = q / numAt(S, i);
        } else {
          const p = numAt(pos, i) * numAt(S, i) + numAt(off, i) - numAt(pad0, i);
          inside = p >= 0 && p < numAt(inS.spatialShape, i);
          src[i] = p;
        }
      }
      if (!inside) continue;
      for (let cc = 0; cc < cg; cc++) {
        inputs.push(inS.index(src, g * cg + cc));
        kernel.push((kf * cg + cc) * F + f);
      }
    }
    rowPtr[o + 1] = inputs.length;
  }
  return { rowPtr, inputIndex: Int32Array.from(inputs), kernelIndex: Int32Array.from(kernel) };
}
