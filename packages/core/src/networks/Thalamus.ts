import type { Config } from "../Config.js";
import { Choice } from "../distributions/Choice.js";
import { Uniform } from "../distributions/Uniform.js";
import type { EnsembleOptions } from "../Ensemble.js";
import { ValidationError } from "../errors.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import { EnsembleArray } from "./EnsembleArray.js";
import { checkNetworkSize, checkOptionNames, networkOptions } from "./networkArgs.js";

export interface ThalamusOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed" | "intercepts" | "encoders"> {
  /** Number of actions. */
  readonly dimensions: number;
  /** Neurons in each ensemble (default 50). */
  readonly nNeuronsPerEnsemble?: number;
  /** Strength of the mutual inhibition between actions (default 1). */
  readonly mutualInhib?: number;
  /** Values below it are not represented: the intercepts are Uniform(threshold, 1) (default 0). */
  readonly threshold?: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * Turns a BasalGanglia output into about 1 for the selected action and 0 elsewhere (Nengo's
 * `nengo.networks.Thalamus`): an EnsembleArray `actions` with positive encoders, intercepts
 * Uniform(threshold, 1), mutual inhibition and a constant bias of 1 on each action.
 */
export class Thalamus extends Network {
  readonly actions: EnsembleArray;
  readonly bias: Node;
  readonly input: Node;
  readonly output: Node;

  constructor(options: ThalamusOptions, parentConfig?: Config) {
    const {
      dimensions,
      nNeuronsPerEnsemble = 50,
      mutualInhib = 1,
      threshold = 0,
      label = "Thalamus",
      seed,
      ...ensOptions
    } = networkOptions(options, "Thalamus");
    super({ label, ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(
      options,
      `Thalamus '${label}'`,
      { dimensions: true, nNeuronsPerEnsemble: true, mutualInhib: true, threshold: true, label: true, seed: true },
      ["intercepts", "encoders"],
    );
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new ValidationError({ object: `Thalamus '${label}'`, attr: "dimensions", message: `must be an integer >= 1 (got ${dimensions})` });
    }
    checkNetworkSize(`Thalamus '${label}'`, "dimensions", dimensions, 1, true);
    this.actions = this.addNetwork(EnsembleArray, {
      ...ensOptions,
      nNeurons: nNeuronsPerEnsemble,
      nEnsembles: dimensions,
      intercepts: new Uniform(threshold, 1),
      encoders: new Choice([[1]]),
      label: "actions",
    });
    const inhibit = Array.from({ length: dimensions }, (_, i) => Array.from({ length: dimensions }, (_, j) => ((i === j ? 1 : 0) - 1) * mutualInhib));
    this.connect(this.actions.output, this.actions.input, { transform: inhibit });
    this.bias = this.node({ output: [1], label: "thalamus bias" });
    this.connect(this.bias, this.actions.input, { transform: Array.from({ length: dimensions }, () => [1]) });
    this.input = this.actions.input;
    this.output = this.actions.output;
  }
}
