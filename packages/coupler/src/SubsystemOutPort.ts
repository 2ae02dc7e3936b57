import type { OutPort } from "@plexus/core";
import type { Subsystem } from "./Subsystem.js";

/** An output port of a {@link Subsystem}: what a wire leaves from and a probe records. */
export class SubsystemOutPort<D extends number = number> {
  readonly kind = "subsystemOutPort" as const;
  constructor(
    readonly subsystem: Subsystem,
    /** The port of the subsystem's network. */
    readonly port: OutPort<D>,
  ) {}

  get name(): string {
    return this.port.name;
  }

  get dimensions(): D {
    return this.port.dimensions;
  }

  toString(): string {
    return `${this.subsystem.toString()}.out.${this.port.name}`;
  }
}
