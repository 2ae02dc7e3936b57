import type { Config } from "../Config.js";
import type { Ensemble, EnsembleOptions } from "../Ensemble.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import { checkOptionNames, networkOptions } from "./networkArgs.js";

export interface IntegratorOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed"> {
  /** Time constant (s) of the recurrent synapse (the input is scaled by it). */
  readonly recurrentTau: number;
  readonly nNeurons: number;
  readonly dimensions: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * An ensemble that integrates its input (the classic NEF integrator, as Nengo's
 * `nengo.networks.Integrator` built it up to 3.2, now `nengo_examples.networks.Integrator`):
 * recurrent connection with synapse τ, input scaled by τ with no synapse of its own (the
 * recurrent synapse filters it), so that dx/dt ≈ input.
 */
export class Integrator extends Network {
  readonly input: Node;
  /** The recurrent ensemble (Nengo's `net.ensemble`). */
  readonly ens: Ensemble;
  /** The integrated value (the ensemble). */
  readonly output: Ensemble;

  /** @param parentConfig the config of the network it is built in (`net.addNetwork(Integrator, options)` passes it). */
  constructor(options: IntegratorOptions, parentConfig?: Config) {
    const { recurrentTau, nNeurons, dimensions, label = "Integrator", seed, ...ensOptions } = networkOptions(options, "Integrator");
    super({ label, ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(options, `Integrator '${label}'`, { recurrentTau: true, nNeurons: true, dimensions: true, label: true, seed: true });
    this.input = this.node({ sizeIn: dimensions, label: "input" });
    this.ens = this.ensemble({ ...ensOptions, nNeurons, dimensions, label: "ensemble" });
    this.connect(this.ens, this.ens, { synapse: recurrentTau });
    this.connect(this.input, this.ens, { synapse: null, transform: recurrentTau });
    this.output = this.ens;
  }
}
