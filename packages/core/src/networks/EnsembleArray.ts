import type { Config } from "../Config.js";
import type { ConnectionFunction, ConnectionOptions } from "../Connection.js";
import type { Ensemble, EnsembleOptions } from "../Ensemble.js";
import { ValidationError } from "../errors.js";
import { numAt } from "../internal/checked.js";
import { warn } from "../internal/warn.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import { checkNetworkSize, checkOptionNames, networkOptions } from "./networkArgs.js";

export interface EnsembleArrayOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed"> {
  /** Neurons per ensemble. */
  readonly nNeurons: number;
  /** Number of ensembles. */
  readonly nEnsembles: number;
  /** Dimensions per ensemble (default 1). */
  readonly ensDimensions?: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * An array of ensembles that together represent a high-dimensional vector, each ensemble a slice
 * (Nengo's `nengo.networks.EnsembleArray`): `input` (pass-through node, connected to each
 * ensemble without a synapse) and `output` (pass-through node collecting the decoded outputs).
 */
export class EnsembleArray extends Network {
  readonly nNeuronsPerEnsemble: number;
  readonly nEnsembles: number;
  readonly dimensionsPerEnsemble: number;
  readonly input: Node;
  readonly output: Node;
  readonly eaEnsembles: readonly Ensemble[];
  /** Output nodes by name (`output` and each `addOutput`). */
  readonly outputs: Record<string, Node> = {};
  neuronInput: Node | undefined;
  neuronOutput: Node | undefined;
  private readonly where: string;

  /**
   * @param parentConfig the config of the network it is built in (`net.addNetwork(EnsembleArray,
   *   options)` passes it), whose defaults reach the ensembles; the options given here win.
   */
  constructor(options: EnsembleArrayOptions, parentConfig?: Config) {
    const { nNeurons, nEnsembles, ensDimensions = 1, label, seed, ...ensOptions } = networkOptions(options, "EnsembleArray");
    super({ ...(label !== undefined ? { label } : {}), ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    const where = label !== undefined ? `EnsembleArray '${label}'` : "EnsembleArray";
    checkOptionNames(options, where, { nNeurons: true, nEnsembles: true, ensDimensions: true, label: true, seed: true }, [], {
      dimensions: "use nEnsembles for the number of ensembles and ensDimensions for the dimensions of each",
    });
    this.where = where;
    for (const [attr, v] of [
      ["nEnsembles", nEnsembles],
      ["ensDimensions", ensDimensions],
    ] as const) {
      if (!(Number.isInteger(v) && v >= 1)) throw new ValidationError({ object: where, attr, message: `must be an integer >= 1 (got ${v})` });
    }
    checkNetworkSize(where, "nEnsembles", nEnsembles, 1);
    for (const [k, v] of Object.entries(ensOptions)) if (v !== undefined) Object.assign(this.config.ensemble, { [k]: v });
    this.nNeuronsPerEnsemble = nNeurons;
    this.nEnsembles = nEnsembles;
    this.dimensionsPerEnsemble = ensDimensions;
    this.input = this.node({ sizeIn: this.dimensions, label: "input" });
    const prefix = label === undefined ? "" : `${label}_`;
    const ensembles: Ensemble[] = [];
    for (let i = 0; i < nEnsembles; i++) {
      const e = this.ensemble({ nNeurons, dimensions: ensDimensions, label: `${prefix}${i}` });
      this.connect(this.input, e, { preSlice: { start: i * ensDimensions, stop: (i + 1) * ensDimensions }, synapse: null });
      ensembles.push(e);
    }
    this.eaEnsembles = ensembles;
    this.output = this.addOutput("output", null);
  }

  /** Total dimensions: nEnsembles × dimensionsPerEnsemble. */
  get dimensions(): number {
    return this.nEnsembles * this.dimensionsPerEnsemble;
  }

  /**
   * Adds a pass-through node collecting `function` decoded from every ensemble (one function for
   * all, or one per ensemble), without a synapse unless given.
   */
  addOutput(
    name: string,
    fn: ConnectionFunction | readonly ConnectionFunction[] | null,
    options: Omit<ConnectionOptions, "function" | "preSlice" | "postSlice"> = {},
  ): Node {
    if (Object.hasOwn(this.outputs, name)) {
      throw new ValidationError({ object: this.where, attr: "name", message: `cannot add output '${name}': it exists already` });
    }
    const fns: unknown[] = Array.isArray(fn) ? [...(fn as readonly unknown[])] : Array(this.nEnsembles).fill(fn);
    if (fns.length !== this.nEnsembles) {
      throw new ValidationError({
        object: this.where,
        attr: "function",
        message: `needs one function per ensemble (${this.nEnsembles}), got ${fns.length}`,
      });
    }
    const sizes = fns.map((f, i) => this.outputSize(f, Array.isArray(fn) ? `function[${i}]` : "function"));
    const total = sizes.reduce((a, b) => a + b, 0);
    const out = this.node({ sizeIn: total, label: name });
    let offset = 0;
    this.eaEnsembles.forEach((e, i) => {
      this.connect(e, out, {
        synapse: null,
        ...options,
        function: (fns[i] as ConnectionFunction | null | undefined) ?? null,
        postSlice: { start: offset, stop: offset + numAt(sizes, i) },
      });
      offset += numAt(sizes, i);
    });
    Object.defineProperty(this.outputs, name, { value: out, enumerable: true, configurable: true, writable: true });
    return out;
  }

  /** The size of what `f` decodes from one ensemble: its output's length at zero. */
  private outputSize(f: unknown, attr: string): number {
    if (f === null) return this.dimensionsPerEnsemble;
    if (typeof f !== "function") {
      throw new ValidationError({ object: this.where, attr, message: `must be a function, an array of one per ensemble, or null (got ${typeof f})` });
    }
    const y: unknown = f(new Float64Array(this.dimensionsPerEnsemble));
    if (typeof y === "number") return 1;
    if (typeof y === "object" && y !== null && typeof (y as { length?: unknown }).length === "number") return (y as ArrayLike<number>).length;
    throw new ValidationError({ object: this.where, attr, message: `must return a number or an array of numbers (got ${y === null ? "null" : typeof y})` });
  }

  /** Adds `neuronInput`, a node feeding the neurons of every ensemble directly. */
  addNeuronInput(): Node {
    if (this.neuronInput !== undefined) {
      warn(`${this.where}: neuronInput already exists; returning it`, "PLEXUS_NEURON_INPUT_EXISTS");
      return this.neuronInput;
    }
    this.checkNotDirect("neuronInput");
    const n = this.nNeuronsPerEnsemble;
    const node = this.node({ sizeIn: n * this.nEnsembles, label: "neuron_input" });
    this.eaEnsembles.forEach((e, i) => this.connect(node, e.neurons, { preSlice: { start: i * n, stop: (i + 1) * n }, synapse: null }));
    this.neuronInput = node;
    return node;
  }

  /** Adds `neuronOutput`, a node collecting the neural output of every ensemble. */
  addNeuronOutput(): Node {
    if (this.neuronOutput !== undefined) {
      warn(`${this.where}: neuronOutput already exists; returning it`, "PLEXUS_NEURON_OUTPUT_EXISTS");
      return this.neuronOutput;
    }
    this.checkNotDirect("neuronOutput");
    const n = this.nNeuronsPerEnsemble;
    const node = this.node({ sizeIn: n * this.nEnsembles, label: "neuron_output" });
    this.eaEnsembles.forEach((e, i) => this.connect(e.neurons, node, { postSlice: { start: i * n, stop: (i + 1) * n }, synapse: null }));
    this.neuronOutput = node;
    return node;
  }

  private checkNotDirect(attr: string): void {
    if (this.eaEnsembles[0]?.neuronType.kind === "Direct") {
      throw new ValidationError({ object: this.where, attr, message: "the ensembles use Direct neurons, which have no neurons to connect" });
    }
  }
}
