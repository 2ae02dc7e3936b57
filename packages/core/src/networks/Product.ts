import type { Config } from "../Config.js";
import type { EnsembleOptions } from "../Ensemble.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import { EnsembleArray } from "./EnsembleArray.js";
import { checkNetworkSize, checkOptionNames, networkOptions } from "./networkArgs.js";

export interface ProductOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed" | "radius"> {
  /** Neurons per dimension, split evenly over the two squaring arrays. */
  readonly nNeurons: number;
  /** Dimensions of each of the two vectors. */
  readonly dimensions: number;
  /** Expected magnitude of the inputs (sets the radius; default 1). */
  readonly inputMagnitude?: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * The element-wise product of two vectors (Nengo's `nengo.networks.Product`, Gosmann 2015):
 * a·b = ((a+b)/√2)²/2 − ((a−b)/√2)²/2, each square computed by an EnsembleArray. Ensemble
 * options (e.g. `neuronType`) apply to the ensembles of both arrays, over the parent config's
 * defaults (`net.addNetwork(Product, options)` passes the parent config).
 */
export class Product extends Network {
  readonly inputA: Node;
  readonly inputB: Node;
  readonly output: Node;
  readonly sq1: EnsembleArray;
  readonly sq2: EnsembleArray;

  constructor(options: ProductOptions, parentConfig?: Config) {
    const { nNeurons, dimensions, inputMagnitude = 1, label = "Product", seed, ...ensOptions } = networkOptions(options, "Product");
    super({ label, ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(options, `Product '${label}'`, { nNeurons: true, dimensions: true, inputMagnitude: true, label: true, seed: true }, ["radius"], {
      radius: "the radius is inputMagnitude·√2; set inputMagnitude",
    });
    checkNetworkSize(`Product '${label}'`, "dimensions", dimensions, 2);
    for (const [k, v] of Object.entries(ensOptions)) if (v !== undefined) Object.assign(this.config.ensemble, { [k]: v });
    this.inputA = this.node({ sizeIn: dimensions, label: "input_a" });
    this.inputB = this.node({ sizeIn: dimensions, label: "input_b" });
    this.output = this.node({ sizeIn: dimensions, label: "output" });
    const half = Math.max(1, Math.floor(nNeurons / 2));
    const radius = inputMagnitude * Math.SQRT2;
    this.sq1 = this.addNetwork(EnsembleArray, { nNeurons: half, nEnsembles: dimensions, ensDimensions: 1, radius });
    this.sq2 = this.addNetwork(EnsembleArray, { nNeurons: half, nEnsembles: dimensions, ensDimensions: 1, radius });
    const tr = 1 / Math.SQRT2;
    this.connect(this.inputA, this.sq1.input, { transform: tr, synapse: null });
    this.connect(this.inputB, this.sq1.input, { transform: tr, synapse: null });
    this.connect(this.inputA, this.sq2.input, { transform: tr, synapse: null });
    this.connect(this.inputB, this.sq2.input, { transform: -tr, synapse: null });
    const square = (x: Float64Array): number[] => Array.from(x, (v) => v * v);
    const sq1Out = this.sq1.addOutput("square", square);
    this.connect(sq1Out, this.output, { transform: 0.5, synapse: null });
    const sq2Out = this.sq2.addOutput("square", square);
    this.connect(sq2Out, this.output, { transform: -0.5, synapse: null });
  }
}
