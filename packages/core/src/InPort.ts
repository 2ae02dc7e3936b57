import type { Network } from "./Network.js";

/**
 * An input port of a subnetwork: the only way in. Its value each step is the data or coupled
 * signal given to the port (or, inside a larger network, the sum of the connections into it).
 * The connections leaving it belong to the port, learned transforms included, so training data
 * and coupled inputs take the same path.
 */
export class InPort<D extends number = number> {
  readonly kind = "inPort" as const;
  constructor(
    readonly network: Network,
    readonly name: string,
    readonly dimensions: D,
  ) {}

  get size(): number {
    return this.dimensions;
  }

  get label(): string {
    return `in.${this.name}`;
  }

  toString(): string {
    return `${this.network.toString()}.in.${this.name}`;
  }
}
