import type { Ensemble, EnsembleOptions } from "../Ensemble.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";

export interface IntegratorOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed"> {
  /** Time constant (s) of the recurrent and input synapses. */
  readonly recurrentTau: number;
  readonly nNeurons: number;
  readonly dimensions: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * An ensemble that integrates its input (the classic NEF integrator, as Nengo 2's
 * `nengo.networks.Integrator` built it): recurrent connection with synapse τ, input scaled by τ
 * through a synapse τ, so that dx/dt ≈ input.
 */
export class Integrator extends Network {
  readonly input: Node;
  /** The recurrent ensemble (Nengo's `net.ensemble`). */
  readonly ens: Ensemble;
  /** The integrated value (the ensemble). */
  readonly output: Ensemble;

  constructor(options: IntegratorOptions) {
    const { recurrentTau, nNeurons, dimensions, label = "Integrator", seed, ...ensOptions } = options;
    super({ label, ...(seed !== undefined ? { seed } : {}) });
    this.input = this.node({ sizeIn: dimensions, label: "input" });
    this.ens = this.ensemble({ ...ensOptions, nNeurons, dimensions, label: "ensemble" });
    this.connect(this.ens, this.ens, { synapse: recurrentTau });
    this.connect(this.input, this.ens, { synapse: recurrentTau, transform: recurrentTau });
    this.output = this.ens;
  }
}
