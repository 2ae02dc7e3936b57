import type { PortDims } from "@plexus/core";
import type { TrainedInPort, TrainedOutPort } from "./TrainedPort.js";

/**
 * A frozen subnetwork running on `@plexus/simulator`, one step at a time, through its ports only:
 * what a coupler drives. Create one with `trained.runner()`.
 */
export interface FrozenRunner<I extends PortDims = PortDims, O extends PortDims = PortDims> {
  /** Time step in seconds. */
  readonly dt: number;
  /** Steps run since the last reset. */
  readonly step: number;
  /** Sets the value an input port gives during the next step (and later ones until written again). @throws PortError for an unknown port or a wrong length. */
  writeInput(port: (keyof I & string) | TrainedInPort, values: ArrayLike<number>): void;
  /** Runs `n` steps (default 1). */
  runSteps(n?: number): void;
  /** A copy of an output port's value after the last step. @throws PortError for an unknown port. */
  readOutput(port: (keyof O & string) | TrainedOutPort): Float64Array;
  /** Back to time 0: neuron states, synapses and inputs as built. */
  reset(): void;
}
