import type { InPort } from "@plexus/core";
import type { Subsystem } from "./Subsystem.js";

/** An input port of a {@link Subsystem}: what a wire or an input drives. */
export class SubsystemInPort<D extends number = number> {
  readonly kind = "subsystemInPort" as const;
  constructor(
    readonly subsystem: Subsystem,
    /** The port of the subsystem's network. */
    readonly port: InPort<D>,
  ) {}

  get name(): string {
    return this.port.name;
  }

  get dimensions(): D {
    return this.port.dimensions;
  }

  toString(): string {
    return `${this.subsystem.toString()}.in.${this.port.name}`;
  }
}
