import type { Config } from "../Config.js";
import type { Connection, ConnectionTarget } from "../Connection.js";
import { Choice } from "../distributions/Choice.js";
import { Exponential } from "../distributions/Exponential.js";
import { Uniform } from "../distributions/Uniform.js";
import type { Ensemble, EnsembleOptions } from "../Ensemble.js";
import { ValidationError } from "../errors.js";
import { elemAt, f64At, numAt } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import * as libm from "../runtime/libm.js";
import type { SynapseLike } from "../synapses/Synapse.js";
import { EnsembleArray } from "./EnsembleArray.js";
import { checkNetworkSize, checkOptionNames, networkOptions } from "./networkArgs.js";

type Vectors = ArrayLike<ArrayLike<number>>;
type EnsOptions = Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed">;

export interface AssociativeMemoryOptions extends EnsOptions {
  /** The item vectors the input is compared with (one row per item). */
  readonly inputVectors: Vectors;
  /** The vectors produced for each item (default: the input vectors). */
  readonly outputVectors?: Vectors;
  /** Neurons per item ensemble (default 50). */
  readonly nNeurons?: number;
  /** Similarity below which an item is not recalled, one for all or one per item (default 0.3). */
  readonly threshold?: number | ArrayLike<number>;
  /** Scale of each item's input, one for all or one per item (default 1). */
  readonly inputScales?: number | ArrayLike<number>;
  /** Adds an `inhibit` node that suppresses every item (default false). */
  readonly inhibitable?: boolean;
  readonly label?: string;
  readonly seed?: number;
}

const EXP_SCALE = 0.15;
const N_EVAL_POINTS = 5000;
const filteredStep = (x: Float64Array): number => Math.max(1 - 1 / libm.exp(f64At(x, 0) * 15), 0);

/**
 * Associative memory (Nengo's `nengo.networks.AssociativeMemory`): one ensemble per item,
 * activated when the input's similarity with the item's input vector passes the threshold, and
 * mapped to the item's output vector. `addWtaNetwork`, `addThresholdToOutputs`,
 * `addDefaultOutputVector`, `addInputMapping` and `addOutputMapping` as in Nengo; the item and
 * threshold ensembles use Nengo's settings (radius 1, positive encoders, exponential or uniform
 * intercepts, 5000 eval points), ensemble options win over them, and the parent config reaches
 * the rest (e.g. the neuron type).
 */
export class AssociativeMemory extends Network {
  readonly nItems: number;
  readonly biasNode: Node;
  readonly elemInput: Node;
  readonly elemOutput: Node;
  /** The items' activations (`elemOutput`). */
  readonly utilities: Node;
  readonly amEnsembles: readonly Ensemble[];
  readonly inhibit: Node | null;
  readonly input: Node;
  readonly output: Node;
  /** Input and output mapping nodes by name (`input`, `output` and those added). */
  readonly mappings: Record<string, Node> = {};
  outConns: Connection[] = [];
  defaultVectorInhibitConns: Connection[] = [];
  threshBias: EnsembleArray | null = null;
  threshEns: EnsembleArray | null = null;
  thresholdedUtilities: Node | null = null;
  isWta = false;
  private readonly inhibScale = 1.5;
  private readonly ensOptions: EnsOptions;

  constructor(options: AssociativeMemoryOptions, parentConfig?: Config) {
    const {
      inputVectors,
      outputVectors = inputVectors,
      nNeurons = 50,
      threshold = 0.3,
      inputScales = 1,
      inhibitable = false,
      label,
      seed,
      ...ensOptions
    } = networkOptions(options, "AssociativeMemory");
    super({ ...(label !== undefined ? { label } : {}), ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(options, label !== undefined ? `AssociativeMemory '${label}'` : "AssociativeMemory", {
      inputVectors: true,
      outputVectors: true,
      nNeurons: true,
      threshold: true,
      inputScales: true,
      inhibitable: true,
      label: true,
      seed: true,
    });
    this.ensOptions = ensOptions;
    const where = label !== undefined ? `AssociativeMemory '${label}'` : "AssociativeMemory";
    for (const [attr, v] of [
      ["inputVectors", inputVectors],
      ["outputVectors", outputVectors],
    ] as const) {
      if (typeof v !== "object" || v === null || typeof v.length !== "number") {
        throw new ValidationError({ object: where, attr, message: `must be an array of vectors (got ${showValue(v)})` });
      }
    }
    const nItems = inputVectors.length;
    checkNetworkSize(where, "inputVectors", nItems, 1);
    if (nItems === 0) throw this.invalid("inputVectors", "Number of input vectors cannot be 0.");
    if (outputVectors.length !== nItems) {
      throw this.invalid("inputVectors", `Number of input vectors does not match number of output vectors. ${nItems} != ${outputVectors.length}`);
    }
    const thresholds = typeof threshold === "number" ? new Array<number>(nItems).fill(threshold) : Array.from(threshold);
    if (thresholds.length !== nItems) {
      throw this.invalid("threshold", `Number of threshold values (${thresholds.length}) does not match number of input vectors (${nItems}).`);
    }
    this.nItems = nItems;
    this.biasNode = this.node({ output: 1 });
    this.elemInput = this.node({ sizeIn: nItems, label: "element input" });
    this.elemOutput = this.node({ sizeIn: nItems, label: "element output" });
    this.utilities = this.elemOutput;
    const prefix = label === undefined ? "" : `${label}_`;
    const item = {
      radius: 1,
      intercepts: new Exponential(EXP_SCALE, 0, 1),
      encoders: new Choice([[1]]),
      evalPoints: new Uniform(0, 1),
      nEvalPoints: N_EVAL_POINTS,
    };
    this.amEnsembles = thresholds.map((th, i) => {
      const e = this.ensemble({ ...item, ...ensOptions, nNeurons, dimensions: 1, label: `${prefix}${i}` });
      this.connect(this.biasNode, e, { transform: -th, synapse: null });
      this.connect(this.elemInput, e, { preSlice: { start: i, stop: i + 1 }, synapse: null });
      this.connect(e, this.elemOutput, { function: filteredStep, postSlice: { start: i, stop: i + 1 }, synapse: null });
      return e;
    });
    this.inhibit = null;
    if (inhibitable) {
      this.inhibit = this.node({ sizeIn: 1, label: "inhibit" });
      this.connect(this.inhibit, this.elemInput, { transform: column(nItems, -this.inhibScale), synapse: null });
    }
    this.input = this.addInputMapping("input", inputVectors, inputScales);
    this.output = this.addOutputMapping("output", outputVectors);
  }

  /** Adds a node `name` whose input is compared with `inputVectors` (scaled per item). */
  addInputMapping(name: string, inputVectors: Vectors, inputScales: number | ArrayLike<number> = 1): Node {
    const n = inputVectors.length;
    const scales = typeof inputScales === "number" ? new Array<number>(n).fill(inputScales) : Array.from(inputScales);
    if (scales.length !== n)
      throw this.invalid("inputScales", `Number of input_scale values (${scales.length}) does not match number of input vectors (${n}).`);
    this.checkName(name);
    const d = inputVectors[0]?.length ?? 0;
    const node = this.node({ sizeIn: d, label: name });
    this.mappings[name] = node;
    this.connect(node, this.elemInput, {
      synapse: null,
      transform: Array.from({ length: n }, (_, i) => Array.from(elemAt(inputVectors, i), (v) => v * numAt(scales, i))),
    });
    return node;
  }

  /** Adds a node `name` producing `outputVectors` weighted by the (thresholded) utilities. */
  addOutputMapping(name: string, outputVectors: Vectors): Node {
    this.checkName(name);
    const d = outputVectors[0]?.length ?? 0;
    const node = this.node({ sizeIn: d, label: name });
    this.mappings[name] = node;
    const pre = this.threshEns !== null ? this.threshEns.output : this.elemOutput;
    this.outConns.push(this.connect(pre, node, { synapse: null, transform: transpose(outputVectors) }));
    return node;
  }

  /** Adds an ensemble producing `outputVector` on output `outputName` when no item is active. */
  addDefaultOutputVector(outputVector: ArrayLike<number>, options: { outputName?: string; nNeurons?: number; minActivationValue?: number } = {}): void {
    const { outputName = "output", nNeurons = 50, minActivationValue = 0.5 } = options;
    const output = this.mappings[outputName];
    if (output === undefined) throw this.invalid("outputName", `there is no output mapping '${outputName}' (add it with addOutputMapping first)`);
    const e = this.ensemble({
      radius: 1,
      intercepts: new Exponential(EXP_SCALE, 0, 1),
      encoders: new Choice([[1]]),
      evalPoints: new Uniform(0, 1),
      nEvalPoints: N_EVAL_POINTS,
      ...this.ensOptions,
      nNeurons,
      dimensions: 1,
      label: `Default ${outputName} vector`,
    });
    this.connect(this.biasNode, e, { synapse: null });
    const pre = this.threshEns !== null ? this.threshEns.output : this.elemOutput;
    this.defaultVectorInhibitConns.push(this.connect(pre, e, { transform: [new Array<number>(this.nItems).fill(-1 / minActivationValue)] }));
    this.connect(e, output, { transform: Array.from(outputVector, (v) => [v]), synapse: null });
    if (this.inhibit !== null) this.connect(this.inhibit, e, { transform: -this.inhibScale, synapse: null });
  }

  /** Adds mutual inhibition between the items (winner take all); a second call does nothing. */
  addWtaNetwork(inhibitScale = 1.5, inhibitSynapse: SynapseLike = 0.005): void {
    if (this.isWta) return;
    const n = this.nItems;
    const tr = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => ((i === j ? 1 : 0) - 1) * inhibitScale));
    this.connect(this.elemOutput, this.elemInput, { synapse: inhibitSynapse, transform: tr });
    this.isWta = true;
  }

  /** Thresholds the utilities by two EnsembleArrays and reroutes the outputs through them; a second call does nothing. */
  addThresholdToOutputs(nNeurons = 50, inhibitScale = 10): void {
    if (this.threshEns !== null) return;
    const thresh = {
      radius: 1,
      intercepts: new Uniform(0.5, 1),
      encoders: new Choice([[1]]),
      evalPoints: new Uniform(0.75, 1.1),
      nEvalPoints: N_EVAL_POINTS,
      ...this.ensOptions,
    };
    const threshBias = this.addNetwork(EnsembleArray, { ...thresh, nNeurons, nEnsembles: this.nItems, label: "thresh_bias" });
    const threshEns = this.addNetwork(EnsembleArray, { ...thresh, nNeurons, nEnsembles: this.nItems, label: "thresh_ens" });
    this.threshBias = threshBias;
    this.threshEns = threshEns;
    this.thresholdedUtilities = threshEns.output;
    this.connect(this.biasNode, threshBias.input, { transform: column(this.nItems, 1), synapse: null });
    this.connect(this.biasNode, threshEns.input, { transform: column(this.nItems, 1), synapse: null });
    this.connect(this.elemOutput, threshBias.input, { transform: -inhibitScale });
    this.connect(threshBias.output, threshEns.input, { transform: -inhibitScale });
    const reroute = (conn: Connection): Connection => {
      const t = conn.denseTransform;
      const transform =
        t === null
          ? 1
          : t.shape.length === 2
            ? Array.from({ length: numAt(t.shape, 0) }, (_, i) => Array.from(t.data.subarray(i * numAt(t.shape, 1), (i + 1) * numAt(t.shape, 1))))
            : t.shape.length === 1
              ? Array.from(t.data)
              : f64At(t.data, 0);
      const c = this.connect(threshEns.output, conn.post as ConnectionTarget, { transform, synapse: conn.synapse });
      this.connections.splice(this.connections.indexOf(conn), 1);
      conn.owners.splice(conn.owners.indexOf(this), 1);
      return c;
    };
    this.defaultVectorInhibitConns = this.defaultVectorInhibitConns.map(reroute);
    this.outConns = this.outConns.map(reroute);
    if (this.inhibit !== null) for (const e of threshEns.eaEnsembles) this.connect(this.inhibit, e, { transform: -this.inhibScale, synapse: null });
  }

  private checkName(name: string): void {
    if (name in this.mappings) throw this.invalid("name", `Name '${name}' already exists as a node in the associative memory.`);
  }

  private invalid(attr: string, message: string): ValidationError {
    return new ValidationError({ object: this.toString(), attr, message });
  }
}

function column(n: number, value: number): number[][] {
  return Array.from({ length: n }, () => [value]);
}

function transpose(m: Vectors): number[][] {
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => numAt(elemAt(m, i), j)));
}
