import { kindArgument } from "../internal/argumentChecks.js";
import { i32At } from "../internal/checked.js";
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

/** The fixed sizes of one convolution, as flat integer arrays (read once, not per tap). */
interface TapGeometry {
  readonly transpose: boolean;
  readonly d: number;
  readonly strides: Int32Array;
  readonly pad0: Int32Array;
  readonly inSpatial: Int32Array;
  readonly outSpatial: Int32Array;
  /** The kernel offset of each step, `nK × d` (the transpose's steps walk its kernel flipped). */
  readonly offsets: Int32Array;
  readonly nK: number;
}

function geometry(t: Convolution | ConvolutionTranspose): TapGeometry {
  const transpose = t.kind === "ConvolutionTranspose";
  const d = t.dimensions;
  const K = Int32Array.from(t.kernelSize);
  const strides = Int32Array.from(t.strides);
  const inSpatial = Int32Array.from(t.inputShape.spatialShape);
  const outSpatial = Int32Array.from(t.outputShape.spatialShape);
  // the forward convolution's padding before each dimension: forward input = the transpose's output
  const fwdIn = transpose ? outSpatial : inSpatial;
  const fwdOut = transpose ? inSpatial : outSpatial;
  const pad0 = new Int32Array(d);
  for (let i = 0; i < d; i++) {
    const need = (i32At(fwdOut, i) - 1) * i32At(strides, i) + i32At(K, i) - i32At(fwdIn, i);
    pad0[i] = t.padding === "same" ? Math.floor(Math.max(need, 0) / 2) : 0;
  }
  const nK = product(t.kernelSize);
  const offsets = new Int32Array(nK * d);
  for (let step = 0; step < nK; step++) {
    let r = transpose ? nK - 1 - step : step;
    for (let i = d - 1; i >= 0; i--) {
      offsets[step * d + i] = r % i32At(K, i);
      r = Math.floor(r / i32At(K, i));
    }
  }
  return { transpose, d, strides, pad0, inSpatial, outSpatial, offsets, nK };
}

/**
 * The flat spatial index (row-major over the input's spatial shape) that output position `pos`
 * reads at kernel step `step`, or -1 where that tap falls outside the input (padding, or a
 * transpose's position between strides).
 */
function tapSource(g: TapGeometry, pos: Int32Array, step: number): number {
  let flat = 0;
  for (let i = 0; i < g.d; i++) {
    const s = i32At(g.strides, i);
    const n = i32At(g.inSpatial, i);
    const off = i32At(g.offsets, step * g.d + i);
    let src: number;
    if (g.transpose) {
      const q = i32At(pos, i) + i32At(g.pad0, i) - off; // = src·stride
      if (q < 0 || q % s !== 0) return -1;
      src = q / s;
    } else {
      src = i32At(pos, i) * s + off - i32At(g.pad0, i);
      if (src < 0) return -1;
    }
    if (src >= n) return -1;
    flat = flat * n + src;
  }
  return flat;
}

/**
 * The inside taps of every output spatial position (they do not depend on the output channel):
 * for position p, steps `step[ptr[p]..ptr[p+1]]` reading flat input positions `flat[...]`.
 */
function spatialTaps(g: TapGeometry): { ptr: Int32Array; step: Int32Array; flat: Int32Array } {
  const nPos = product(Array.from(g.outSpatial));
  const ptr = new Int32Array(nPos + 1);
  const step = new Int32Array(nPos * g.nK);
  const flat = new Int32Array(nPos * g.nK);
  const pos = new Int32Array(g.d);
  let n = 0;
  for (let p = 0; p < nPos; p++) {
    let rest = p;
    for (let i = g.d - 1; i >= 0; i--) {
      const size = i32At(g.outSpatial, i);
      pos[i] = rest % size;
      rest = Math.floor(rest / size);
    }
    for (let s = 0; s < g.nK; s++) {
      const src = tapSource(g, pos, s);
      if (src < 0) continue;
      step[n] = s;
      flat[n] = src;
      n++;
    }
    ptr[p + 1] = n;
  }
  return { ptr, step, flat };
}

/** The taps of a Convolution or ConvolutionTranspose (any number of spatial dimensions). */
export function convolutionTaps(t: Convolution | ConvolutionTranspose): ConvolutionTaps {
  kindArgument(t, ["Convolution", "ConvolutionTranspose"], "convolutionTaps", "t", "a Convolution or ConvolutionTranspose transform");
  const g = geometry(t);
  const sp = spatialTaps(g);
  const inS = t.inputShape;
  const outS = t.outputShape;
  const F = t.nFilters;
  const nC = inS.nChannels;
  const cg = nC / t.groups;
  const fg = F / t.groups;
  const inLast = inS.channelsLast;
  const inSpatialSize = product(inS.spatialShape);
  const outLast = outS.channelsLast;
  const outSpatialSize = sp.ptr.length - 1;
  const outSize = outS.size;
  const rowPtr = new Int32Array(outSize + 1);
  const total = F * cg * i32At(sp.ptr, outSpatialSize);
  const inputIndex = new Int32Array(total);
  const kernelIndex = new Int32Array(total);
  let n = 0;
  for (let o = 0; o < outSize; o++) {
    // o's output channel f and spatial position p
    const f = outLast ? o % F : Math.floor(o / outSpatialSize);
    const p = outLast ? Math.floor(o / F) : o % outSpatialSize;
    const c0 = Math.floor(f / fg) * cg;
    for (let q = i32At(sp.ptr, p); q < i32At(sp.ptr, p + 1); q++) {
      const step = i32At(sp.step, q);
      const flat = i32At(sp.flat, q);
      const kf = g.transpose ? g.nK - 1 - step : step;
      for (let cc = 0; cc < cg; cc++) {
        const c = c0 + cc;
        inputIndex[n] = inLast ? flat * nC + c : c * inSpatialSize + flat;
        kernelIndex[n] = (kf * cg + cc) * F + f;
        n++;
      }
    }
    rowPtr[o + 1] = n;
  }
  return { rowPtr, inputIndex, kernelIndex };
}
