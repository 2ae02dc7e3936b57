import { ValidationError } from "../errors.js";
import { elemAt, numAt } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";
import { MAX_SIZE, sizeProblem } from "../internal/sizeLimit.js";
import * as libm from "../runtime/libm.js";

/**
 * The Fourier transform matrices of Nengo's CircularConvolution (nengo/networks/circularconvolution.py,
 * 4.1): `transformIn` maps an input into the lower half of its DFT spectrum aligned for complex
 * multiplication, `transformOut` adds the partial products and applies the inverse DFT.
 */

/**
 * Refuses a `dims` that is not an integer >= 1, or whose `dims × 4·(⌊dims/2⌋+1)` matrix has more
 * than 2^31 - 1 entries (a larger one could never be built; before, Infinity crashed the process).
 */
function checkDims(dims: unknown, fn: string): number {
  const problem = sizeProblem(dims, 1);
  if (problem !== null) throw new ValidationError({ object: `CircularConvolution ${fn}`, attr: "dims", message: problem });
  const n = dims as number;
  const entries = n * 4 * (Math.floor(n / 2) + 1);
  if (entries > MAX_SIZE) {
    throw new ValidationError({
      object: `CircularConvolution ${fn}`,
      attr: "dims",
      message: `the transform would have ${n} × ${4 * (Math.floor(n / 2) + 1)} = ${entries} entries, more than 2^31 - 1; use fewer dimensions (got ${n})`,
    });
  }
  return n;
}

/** Real and imaginary parts of the lower half of the DFT matrix (`dft_half`): rows w = 0..⌊n/2⌋. */
function dftHalf(n: number): { re: number[][]; im: number[][] } {
  const re: number[][] = [];
  const im: number[][] = [];
  for (let w = 0; w <= Math.floor(n / 2); w++) {
    const r: number[] = [];
    const i: number[] = [];
    for (let x = 0; x < n; x++) {
      const phase = ((-2 * Math.PI) / n) * (w * x);
      r.push(libm.cos(phase));
      i.push(libm.sin(phase));
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

/**
 * The `4·(⌊dims/2⌋+1) × dims` input transform (`transform_in`). `align` "A" orders each frequency's
 * rows as [re, im, re, im], "B" as [re, im, im, re]; `invert` conjugates the spectrum (reverses
 * the element order of the input).
 */
export function transformIn(dims: number, align: "A" | "B", invert: boolean): number[][] {
  checkDims(dims, "transformIn");
  if (align !== "A" && align !== "B") {
    throw new ValidationError({
      object: "CircularConvolution transformIn",
      attr: "align",
      message: `'align' must be either 'A' or 'B' (got ${showValue(align)})`,
    });
  }
  const { re, im } = dftHalf(dims);
  const rows: number[][] = [];
  for (let i = 0; i < 4 * (Math.floor(dims / 2) + 1); i++) {
    const k = Math.floor(i / 4);
    const useReal = align === "A" ? i % 2 === 0 : i % 4 === 0 || i % 4 === 3;
    rows.push(useReal ? [...elemAt(re, k)] : elemAt(im, k).map((v) => (invert ? -v : v)));
  }
  return rows;
}

/** The `dims × 4·(⌊dims/2⌋+1)` output transform (`transform_out`), divided by dims. */
export function transformOut(dims: number): number[][] {
  checkDims(dims, "transformOut");
  const half = Math.floor(dims / 2) + 1;
  const { re, im } = dftHalf(dims);
  const cols: number[][] = [];
  for (let i = 0; i < half; i++) {
    const scale = i === 0 || 2 * i === dims ? 1 : 2;
    // the inverse DFT row is the conjugate of the forward one
    const r = elemAt(re, i).map((v) => (scale * v) / dims);
    const m = elemAt(im, i).map((v) => (-scale * v) / dims);
    cols.push(
      r,
      r.map((v) => -v),
      m.map((v) => -v),
      m.map((v) => -v),
    );
  }
  return Array.from({ length: dims }, (_, d) => cols.map((c) => numAt(c, d) + 0));
}
