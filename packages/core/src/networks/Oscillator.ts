import type { Config } from "../Config.js";
import type { Ensemble, EnsembleOptions } from "../Ensemble.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import { checkOptionNames, networkOptions } from "./networkArgs.js";

export interface OscillatorOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed"> {
  /** Time constant (s) of the recurrent synapse. */
  readonly recurrentTau: number;
  /** Angular frequency of the oscillation (rad/s). */
  readonly frequency: number;
  readonly nNeurons: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * A 2-D recurrent ensemble that oscillates (as Nengo 2's `nengo.networks.Oscillator` built it):
 * recurrent transform [[1, −ωτ], [ωτ, 1]] through a synapse τ; the input enters without a synapse.
 */
export class Oscillator extends Network {
  readonly input: Node;
  /** The recurrent ensemble (Nengo's `net.ensemble`). */
  readonly ens: Ensemble;
  readonly output: Ensemble;

  /** @param parentConfig the config of the network it is built in (`net.addNetwork(Oscillator, options)` passes it). */
  constructor(options: OscillatorOptions, parentConfig?: Config) {
    const { recurrentTau, frequency, nNeurons, label = "Oscillator", seed, ...ensOptions } = networkOptions(options, "Oscillator");
    super({ label, ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(options, `Oscillator '${label}'`, { recurrentTau: true, frequency: true, nNeurons: true, label: true, seed: true });
    this.input = this.node({ sizeIn: 2, label: "In" });
    this.ens = this.ensemble({ ...ensOptions, nNeurons, dimensions: 2, label: "Oscillator" });
    const wt = frequency * recurrentTau;
    this.connect(this.ens, this.ens, {
      synapse: recurrentTau,
      transform: [
        [1, -wt],
        [wt, 1],
      ],
    });
    this.connect(this.input, this.ens, { synapse: null });
    this.output = this.ens;
  }
}
