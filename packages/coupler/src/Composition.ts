import type { InPort, Network, PortDims, Probe } from "@plexus/core";

/**
 * A coupled system as one network, what `system.compose()` returns. Running `network` with
 * `new Simulator(network, { dt, seed })` built with `overrides` (`build(network, { dt, seed,
 * overrides })`) gives the coupled run's values, bit for bit.
 */
export interface Composition {
  readonly network: Network<PortDims, PortDims>;
  /** The time step to run it at (s): the base dt times the subsystems' dtMultiple. */
  readonly dt: number;
  /** The seed to build and run it with (the system's). */
  readonly seed: number;
  /** The subsystems' overrides, renamed below their keys (`ctrl/A.encoders`). */
  readonly overrides: ReadonlyMap<string, Float64Array>;
  /** The probe standing for each of the system's probes, by its name (`plant.out.x`). */
  readonly probes: ReadonlyMap<string, Probe>;
  /**
   * The top-level input port standing for each observable input, by the port it drives
   * (`ctrl.in.ref`): drive it with `sim.setInput` or `sim.writeInput`, at step k the value of base
   * step k·m (m: the subsystems' dtMultiple).
   */
  readonly inputs: ReadonlyMap<string, InPort>;
  /** The copy of each subsystem's network, by key. */
  readonly subnetworks: ReadonlyMap<string, Network<PortDims, PortDims>>;
}
