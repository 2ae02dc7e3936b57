import type { Config } from "../Config.js";
import type { EnsembleOptions } from "../Ensemble.js";
import { ValidationError } from "../errors.js";
import { numAt } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import { transformIn, transformOut } from "./circularConvolutionTransforms.js";
import { checkNetworkSize, checkOptionNames, networkOptions } from "./networkArgs.js";
import { Product } from "./Product.js";

export interface CircularConvolutionOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed" | "radius"> {
  /** Neurons in each product computation (each dimension of the inner Product). */
  readonly nNeurons: number;
  /** Dimensions of the input and output vectors. */
  readonly dimensions: number;
  /** Reverse the element order of the first input (default false). */
  readonly invertA?: boolean;
  /** Reverse the element order of the second input: circular correlation (default false). */
  readonly invertB?: boolean;
  /** Expected magnitude of the vectors (the Product's is twice this; default 1). */
  readonly inputMagnitude?: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * Circular convolution of two vectors, c[i] = Σ_j a[j]·b[i−j], computed in the Fourier domain
 * (Nengo's `nengo.networks.CircularConvolution`): the inputs are mapped by Nengo's DFT matrices
 * into a Product of `4·(⌊d/2⌋+1)` dimensions, whose output the inverse DFT maps back. Ensemble
 * options reach the Product's ensembles over the parent config (`net.addNetwork`).
 */
export class CircularConvolution extends Network {
  readonly inputA: Node;
  readonly inputB: Node;
  readonly output: Node;
  readonly product: Product;
  readonly dimensions: number;

  constructor(options: CircularConvolutionOptions, parentConfig?: Config) {
    const {
      nNeurons,
      dimensions,
      invertA = false,
      invertB = false,
      inputMagnitude = 1,
      label = "Circular convolution",
      seed,
      ...ensOptions
    } = networkOptions(options, "CircularConvolution");
    super({ label, ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(
      options,
      `CircularConvolution '${label}'`,
      { nNeurons: true, dimensions: true, invertA: true, invertB: true, inputMagnitude: true, label: true, seed: true },
      ["radius"],
    );
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new ValidationError({ object: `CircularConvolution '${label}'`, attr: "dimensions", message: `must be an integer >= 1 (got ${dimensions})` });
    }
    checkNetworkSize(`CircularConvolution '${label}'`, "dimensions", dimensions, 2, true);
    this.dimensions = dimensions;
    const trA = transformIn(dimensions, "A", invertA);
    const trB = transformIn(dimensions, "B", invertB);
    const trOut = transformOut(dimensions);
    this.inputA = this.node({ sizeIn: dimensions, label: "input_a" });
    this.inputB = this.node({ sizeIn: dimensions, label: "input_b" });
    this.product = this.addNetwork(Product, { ...ensOptions, nNeurons, dimensions: trA.length, inputMagnitude: inputMagnitude * 2 });
    this.output = this.node({ sizeIn: dimensions, label: "output" });
    this.connect(this.inputA, this.product.inputA, { transform: trA, synapse: null });
    this.connect(this.inputB, this.product.inputB, { transform: trB, synapse: null });
    this.connect(this.product.output, this.output, { transform: trOut, synapse: null });
  }
}

/** Refuses anything but an array (or typed array) of finite numbers for circconv's operand `name`. */
function checkVector(x: unknown, name: string): void {
  const isArray = Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
  const bad = isArray ? Array.from(x as ArrayLike<unknown>).findIndex((v) => typeof v !== "number" || !Number.isFinite(v)) : -1;
  if (!isArray || bad >= 0) {
    const what = isArray ? `element ${bad} is ${showValue((x as ArrayLike<unknown>)[bad])}` : `got ${showValue(x)}`;
    throw new ValidationError({ object: "circconv", attr: name, message: `must be an array of finite numbers (${what})` });
  }
}

/**
 * Circular convolution of two vectors computed directly (a reference, as Nengo's `circconv`).
 * @throws ValidationError when `a` or `b` is not an array of finite numbers, or their lengths differ.
 */
export function circconv(a: ArrayLike<number>, b: ArrayLike<number>, invertA = false, invertB = false): Float64Array {
  checkVector(a, "a");
  checkVector(b, "b");
  if (a.length !== b.length) {
    throw new ValidationError({ object: "circconv", attr: "b", message: `must have the same length as a (${a.length}); got ${b.length}` });
  }
  const n = a.length;
  const out = new Float64Array(n);
  const at = (x: ArrayLike<number>, i: number, inv: boolean): number => numAt(x, inv ? (n - (i % n)) % n : ((i % n) + n) % n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += at(a, j, invertA) * at(b, i - j, invertB);
    out[i] = s;
  }
  return out;
}
