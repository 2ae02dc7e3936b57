import type { InPort, Network, OutPort, Probe } from "@plexus/core";
import type { ProbeRecord } from "./BuildContext.js";
import type { BuiltModel } from "./Built.js";
import type { Kernel } from "./Kernel.js";
import type { Registry } from "./Registry.js";
import type { Signal } from "./Signal.js";

/** What `build` produces: the ordered kernels, the arena layout and what the build computed. */
export interface PlanData {
  readonly network: Network;
  readonly dt: number;
  readonly seed: number;
  readonly registry: Registry;
  readonly kernels: readonly Kernel[];
  readonly signals: readonly Signal[];
  readonly arenaSize: number;
  readonly initialArena: Float64Array;
  readonly probes: ReadonlyMap<Probe, ProbeRecord>;
  readonly inputs: ReadonlyMap<InPort, Signal>;
  readonly ports: ReadonlyMap<InPort | OutPort, Signal>;
  readonly built: BuiltModel;
}

/**
 * A network compiled for simulation (Lava's `Executable`): kernels in step order, the arena
 * layout with every offset fixed, and what the build computed (`built`). A plan is immutable;
 * any number of simulators can run it, each with its own arena.
 */
export class Plan implements PlanData {
  readonly network: Network;
  /** Time step (s). */
  readonly dt: number;
  /** The seed objects without their own seed derived theirs from. */
  readonly seed: number;
  readonly registry: Registry;
  /** Kernels in the order a step runs them. */
  readonly kernels: readonly Kernel[];
  /** Every base buffer of the arena, with its offset. */
  readonly signals: readonly Signal[];
  /** Number of Float64 entries of the arena. */
  readonly arenaSize: number;
  /** The arena at the start and after every reset (weights, biases, initial neuron state). */
  readonly initialArena: Float64Array;
  readonly probes: ReadonlyMap<Probe, ProbeRecord>;
  /** Top-level input ports (driven by the caller) and their buffers. */
  readonly inputs: ReadonlyMap<InPort, Signal>;
  /** Every port of the network and its subnetworks, and its buffer. */
  readonly ports: ReadonlyMap<InPort | OutPort, Signal>;
  /** Encoders, gains, biases, eval points per ensemble; weights and decoders per connection. */
  readonly built: BuiltModel;

  constructor(data: PlanData) {
    this.network = data.network;
    this.dt = data.dt;
    this.seed = data.seed;
    this.registry = data.registry;
    this.kernels = data.kernels;
    this.signals = data.signals;
    this.arenaSize = data.arenaSize;
    this.initialArena = data.initialArena;
    this.probes = data.probes;
    this.inputs = data.inputs;
    this.ports = data.ports;
    this.built = data.built;
  }

  /** The kernels in step order, one line each: `owner: role (reads -> sets/incs/updates)`. */
  describe(): string {
    return this.kernels
      .map((k, i) => {
        const w = [...k.sets.map((s) => `=${s.name}`), ...k.incs.map((s) => `+${s.name}`), ...k.updates.map((s) => `~${s.name}`)];
        return `${i}. ${k.owner}: ${k.role} (${k.reads.map((s) => s.name).join(", ")} -> ${w.join(", ")})`;
      })
      .join("\n");
  }
}
