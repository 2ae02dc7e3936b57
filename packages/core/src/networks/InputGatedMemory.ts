import type { Config } from "../Config.js";
import type { EnsembleOptions } from "../Ensemble.js";
import { ValidationError } from "../errors.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import type { SynapseLike } from "../synapses/Synapse.js";
import { EnsembleArray } from "./EnsembleArray.js";
import { checkNetworkSize, checkOptionNames, networkOptions } from "./networkArgs.js";

export interface InputGatedMemoryOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed"> {
  /** Neurons per dimension. */
  readonly nNeurons: number;
  /** Dimensions of the stored vector. */
  readonly dimensions: number;
  /** Strength of the recurrent connection of the memory (default 1). */
  readonly feedback?: number;
  /** Strength of the difference signal fed into the memory (default 1). */
  readonly differenceGain?: number;
  /** Synapse of the memory's recurrent connection (default 0.1: Lowpass(0.1)). */
  readonly recurrentSynapse?: SynapseLike;
  /** Synapse of the difference fed into the memory (default, or null as in Nengo: the recurrent synapse). */
  readonly differenceSynapse?: SynapseLike;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * A vector memory whose input is gated (Nengo's `nengo.networks.InputGatedMemory`): `mem`
 * integrates the difference (`diff`) between `input` and the stored value; `gate` = 1 inhibits
 * the difference's neurons (the value is held), `reset` = 1 inhibits the memory's neurons.
 * Ensemble options reach both arrays over the parent config (`net.addNetwork`).
 */
export class InputGatedMemory extends Network {
  readonly mem: EnsembleArray;
  readonly diff: EnsembleArray;
  readonly gate: Node;
  readonly reset: Node;
  /** The difference array's input. */
  readonly input: Node;
  /** The memory array's output. */
  readonly output: Node;

  constructor(options: InputGatedMemoryOptions, parentConfig?: Config) {
    const {
      nNeurons,
      dimensions,
      feedback = 1,
      differenceGain = 1,
      recurrentSynapse = 0.1,
      differenceSynapse,
      label = "Input gated memory",
      seed,
      ...ensOptions
    } = networkOptions(options, "InputGatedMemory");
    super({ label, ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(options, `InputGatedMemory '${label}'`, {
      nNeurons: true,
      dimensions: true,
      feedback: true,
      differenceGain: true,
      recurrentSynapse: true,
      differenceSynapse: true,
      label: true,
      seed: true,
    });
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new ValidationError({ object: `InputGatedMemory '${label}'`, attr: "dimensions", message: `must be an integer >= 1 (got ${dimensions})` });
    }
    checkNetworkSize(`InputGatedMemory '${label}'`, "dimensions", dimensions, 2);
    const nTotal = nNeurons * dimensions;
    const arrayOptions = ensOptions;
    this.mem = this.addNetwork(EnsembleArray, { ...arrayOptions, nNeurons, nEnsembles: dimensions, label: "mem" });
    this.connect(this.mem.output, this.mem.input, { transform: feedback, synapse: recurrentSynapse });
    this.diff = this.addNetwork(EnsembleArray, { ...arrayOptions, nNeurons, nEnsembles: dimensions, label: "diff" });
    this.connect(this.mem.output, this.diff.input, { transform: -1 });
    this.connect(this.diff.output, this.mem.input, { transform: differenceGain, synapse: differenceSynapse ?? recurrentSynapse });
    this.gate = this.node({ sizeIn: 1, label: "gate" });
    this.connect(this.gate, this.diff.addNeuronInput(), { transform: column(nTotal, -10), synapse: null });
    this.reset = this.node({ sizeIn: 1, label: "reset" });
    this.connect(this.reset, this.mem.addNeuronInput(), { transform: column(nTotal, -3), synapse: null });
    this.input = this.diff.input;
    this.output = this.mem.output;
  }
}

function column(n: number, value: number): number[][] {
  return Array.from({ length: n }, () => [value]);
}
