// Nengo 4.1's CircularConvolution network (nengo/networks/circularconvolution.py) built from core
// objects for the bench, with Nengo's structure: input nodes, DFT transforms into a Product of
// 4·(d/2 + 1) dimensions (input magnitude 2), the inverse DFT out of it. (Until core has the
// network itself.)
import { Product, type Network, type Node } from "@plexus/core";

/** The rows k = 0..n/2 of the DFT matrix, as real and imaginary parts (`exp(-2πi k x / n)`). */
function dftHalf(n: number): { re: number[][]; im: number[][] } {
  const half = Math.floor(n / 2) + 1;
  const re: number[][] = [];
  const im: number[][] = [];
  for (let w = 0; w < half; w++) {
    re.push(Array.from({ length: n }, (_, x) => Math.cos((-2 * Math.PI * w * x) / n)));
    im.push(Array.from({ length: n }, (_, x) => Math.sin((-2 * Math.PI * w * x) / n)));
  }
  return { re, im };
}

/** Nengo's `transform_in(dims, align, invert=False)`: `4·(d/2 + 1) × d`. */
function transformIn(d: number, align: "A" | "B"): number[][] {
  const { re, im } = dftHalf(d);
  const rows: number[][] = [];
  for (let i = 0; i < 4 * (Math.floor(d / 2) + 1); i++) {
    const k = Math.floor(i / 4);
    const real = align === "A" ? i % 2 === 0 : i % 4 === 0 || i % 4 === 3;
    rows.push(real ? re[k]! : im[k]!);
  }
  return rows;
}

/** Nengo's `transform_out(dims)`: `d × 4·(d/2 + 1)`. */
function transformOut(d: number): number[][] {
  const { re, im } = dftHalf(d);
  const half = Math.floor(d / 2) + 1;
  const cols: number[][] = []; // column j of the output transform = row j of Nengo's tr before .T
  for (let i = 0; i < half; i++) {
    const s = i === 0 || 2 * i === d ? 1 : 2;
    // idft = conj(dft): real part re, imaginary part -im
    const r = re[i]!.map((v) => (s * v) / d);
    const m = im[i]!.map((v) => (-s * v) / d);
    cols.push(r, r.map((v) => -v), m.map((v) => -v), m.map((v) => -v));
  }
  return Array.from({ length: d }, (_, x) => cols.map((c) => c[x]!));
}

/** Adds Nengo's CircularConvolution(nNeurons, dims) to `net`; returns its input and output nodes. */
export function circularConvolution(net: Network, nNeurons: number, dims: number): { inputA: Node; inputB: Node; output: Node } {
  const inputA = net.node({ sizeIn: dims, label: "input_a" });
  const inputB = net.node({ sizeIn: dims, label: "input_b" });
  const trOut = transformOut(dims);
  const product = net.addNetwork(Product, { nNeurons, dimensions: trOut[0]!.length, inputMagnitude: 2 });
  const output = net.node({ sizeIn: dims, label: "output" });
  net.connect(inputA, product.inputA, { transform: transformIn(dims, "A"), synapse: null });
  net.connect(inputB, product.inputB, { transform: transformIn(dims, "B"), synapse: null });
  net.connect(product.output, output, { transform: trOut, synapse: null });
  return { inputA, inputB, output };
}
