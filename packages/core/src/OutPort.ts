import type { Network } from "./Network.js";

/**
 * An output port of a subnetwork: the only way out. Its value each step is the sum of the
 * connections into it, within the same step (a port adds no delay and no copy).
 */
export class OutPort<D extends number = number> {
  readonly kind = "outPort" as const;
  constructor(
    readonly network: Network,
    readonly name: string,
    readonly dimensions: D,
  ) {}

  get size(): number {
    return this.dimensions;
  }

  get label(): string {
    return `out.${this.name}`;
  }

  toString(): string {
    return `${this.network.toString()}.out.${this.name}`;
  }
}
