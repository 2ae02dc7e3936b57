import type { Ensemble } from "./Ensemble.js";

/**
 * The neurons of an ensemble (Nengo's `ens.neurons`): connections into it add to the neurons'
 * input currents (scaled by the gains, as Nengo does), connections and probes from it see the
 * neurons' output (rates, or spikes of height amplitude/dt).
 */
export class Neurons<D extends number = number> {
  readonly kind = "neurons" as const;
  constructor(readonly ensemble: Ensemble<D>) {}

  /** Number of neurons: the size of this object as a connection end. */
  get size(): number {
    return this.ensemble.nNeurons;
  }

  get label(): string | undefined {
    return this.ensemble.label === undefined ? undefined : `${this.ensemble.label}.neurons`;
  }

  toString(): string {
    return `${this.ensemble.toString()}.neurons`;
  }
}
