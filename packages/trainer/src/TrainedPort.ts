import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";

/**
 * An input port of a {@link TrainedSubnetwork}: a handle naming the port, typed by its
 * dimensions, for feeding it (`runner().writeInput`) and for coupling. It does not reach into the
 * network.
 */
export class TrainedInPort<D extends number = number> {
  readonly kind = "trainedInPort" as const;
  constructor(
    /** The subnetwork the port belongs to. */
    readonly subnetwork: TrainedSubnetwork,
    readonly name: string,
    readonly dimensions: D,
  ) {
    Object.freeze(this);
  }

  toString(): string {
    return `${this.subnetwork.toString()}.in.${this.name}`;
  }
}

/** An output port of a {@link TrainedSubnetwork}: a handle naming the port, typed by its dimensions. */
export class TrainedOutPort<D extends number = number> {
  readonly kind = "trainedOutPort" as const;
  constructor(
    /** The subnetwork the port belongs to. */
    readonly subnetwork: TrainedSubnetwork,
    readonly name: string,
    readonly dimensions: D,
  ) {
    Object.freeze(this);
  }

  toString(): string {
    return `${this.subnetwork.toString()}.out.${this.name}`;
  }
}
