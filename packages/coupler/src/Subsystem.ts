import {
  CouplingError,
  type FrozenInPort,
  type FrozenOutPort,
  type FrozenSubnetwork,
  frozenCopyOf,
  type InPort,
  isFrozenSubnetwork,
  Network,
  type OutPort,
  type PortDims,
} from "@plexus/core";
import { type PortLatencies, portLatencies } from "./portLatencies.js";
import { SubsystemInPort } from "./SubsystemInPort.js";
import { SubsystemOutPort } from "./SubsystemOutPort.js";

/** Options of a subsystem made of a trained subnetwork: its seed and parameters are its own. */
export interface TrainedSubsystemOptions {
  /** Name in messages when the subsystem is not in a system (default: the network's label). */
  readonly label?: string;
  /**
   * Its time step as a multiple of the system's base time step, an integer >= 1 (default 1). A
   * trained subnetwork runs at the dt it was trained at: the system checks `dt × dtMultiple`
   * against it.
   */
  readonly dtMultiple?: number;
}

export interface SubsystemOptions extends TrainedSubsystemOptions {
  /** Seed of its network when the network has none (default: derived from the system's seed and the subsystem's name). Not for a trained subnetwork (it has its own). */
  readonly seed?: number;
  /** Parameter values by name, as `build(net, { overrides })` takes them. Not for a trained subnetwork (its trained parameters are its overrides). */
  readonly overrides?: ReadonlyMap<string, Float64Array>;
}

/**
 * What `couple()` takes for each subsystem: a {@link Subsystem}, a `TrainedSubnetwork` of
 * `@plexus/trainer` (any `FrozenSubnetwork` of `@plexus/core`), or a network with ports (the last two made into subsystems with default options).
 */
export type SubsystemSource<I extends PortDims = PortDims, O extends PortDims = PortDims> = Subsystem<I, O> | FrozenSubnetwork<I, O> | Network<I, O>;

/** The {@link Subsystem} that a {@link SubsystemSource} becomes, with its port types. */
export type SubsystemOf<X> =
  X extends Subsystem<infer I extends PortDims, infer O extends PortDims>
    ? Subsystem<I, O>
    : X extends FrozenSubnetwork<infer I extends PortDims, infer O extends PortDims>
      ? Subsystem<I, O>
      : X extends Network<infer I extends PortDims, infer O extends PortDims>
        ? Subsystem<I, O>
        : never;

/** The input ports of a subsystem with port dimensions `I`. */
export type SubsystemInPorts<I extends PortDims> = { readonly [K in keyof I]: SubsystemInPort<I[K]> };
/** The output ports of a subsystem with port dimensions `O`. */
export type SubsystemOutPorts<O extends PortDims> = { readonly [K in keyof O]: SubsystemOutPort<O[K]> };

/**
 * A network that runs in a coupled system behind its ports, with its own simulator, time step and
 * seed. It knows the latency of each (input, output) pair of ports from its IR graph
 * ({@link latencies}, {@link latency}), which is what the system checks loops against.
 *
 * Made of a trained subnetwork (`subsystem(trained)`, or `trained` given to `couple()` directly),
 * it runs a frozen copy of it (its `[frozenCopyOf]()`, see `FrozenSubnetwork` of `@plexus/core`): the same network, its trained
 * parameters as overrides, its seed and its dt. Coupled inputs enter through its ports, so every
 * learned transform (the connections leaving its input ports included) applies to them exactly
 * as in `predict`; the trained subnetwork itself stays sealed, and its port handles
 * (`trained.in.u`, `trained.out.y`) wire, feed and probe this subsystem. Run-time randomness
 * (processes without a seed of their own) comes from the system's seed, as for every subsystem,
 * so it repeats `predict`'s only with `couple(..., { seed: trained.report.seed })`.
 */
export class Subsystem<const I extends PortDims = PortDims, const O extends PortDims = PortDims> {
  /** The network it runs: the network given, or a trained subnetwork's frozen copy. */
  readonly network: Network<I, O>;
  readonly label: string | undefined;
  readonly dtMultiple: number;
  /** The seed given (for a trained subnetwork: its deployed seed, which its copy carries as `network.seed`). */
  readonly seed: number | undefined;
  /** Parameter values by name, applied when its network is built (`build(net, { overrides })`): a trained subnetwork's parameters. */
  readonly overrides: ReadonlyMap<string, Float64Array> | undefined;
  /** The trained subnetwork it runs a frozen copy of, or undefined for a plain network. */
  readonly trained: FrozenSubnetwork | undefined;
  /** The time step (s) it must run at: a trained subnetwork's dt; undefined (any dt) for a plain network. */
  readonly dt: number | undefined;
  /** Input ports by name. */
  readonly in: SubsystemInPorts<I>;
  /** Output ports by name. */
  readonly out: SubsystemOutPorts<O>;
  /** Latency in steps of the subsystem (its own dt) for each input and output port name; Infinity where no path. */
  readonly latencies: PortLatencies;

  /**
   * @throws CouplingError when `dtMultiple` is not an integer >= 1 or `seed` not an integer, when a
   *   trained subnetwork is given a `seed` or `overrides`, or when `source` is neither a network
   *   nor a trained subnetwork
   */
  constructor(source: Network<I, O> | FrozenSubnetwork<I, O>, options: SubsystemOptions = {}) {
    if (isFrozenSubnetwork(source)) {
      const copy = source[frozenCopyOf]();
      for (const key of ["seed", "overrides"] as const) {
        if (options[key] !== undefined) {
          throw new CouplingError(
            `Subsystem '${options.label ?? source.label ?? "(unlabelled)"}'.${key}: ${source} has its own ${key === "seed" ? `seed (${copy.seed}, its report.seed)` : "parameters (its trained ones)"}; drop the ${key} option, or train it again`,
            { label: options.label ?? source.label },
          );
        }
      }
      this.network = copy.network;
      this.trained = source as FrozenSubnetwork;
      this.dt = copy.dt;
      this.seed = copy.seed;
      this.overrides = copy.overrides;
    } else if (source instanceof Network) {
      this.network = source;
      this.trained = undefined;
      this.dt = undefined;
      this.seed = options.seed;
      this.overrides = options.overrides;
    } else {
      throw new CouplingError(`subsystem: ${String(source)} is neither a Network with ports nor a TrainedSubnetwork; give one of them`);
    }
    const network = this.network;
    this.label = options.label ?? network.label;
    const m = options.dtMultiple ?? 1;
    if (!(Number.isSafeInteger(m) && m >= 1)) {
      throw new CouplingError(`${this.toString()}.dtMultiple: must be an integer >= 1 (its dt in base time steps; got ${m})`, { label: this.label });
    }
    this.dtMultiple = m;
    if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
      throw new CouplingError(`${this.toString()}.seed: must be an integer (got ${options.seed})`, { label: this.label });
    }
    const ins: Record<string, SubsystemInPort> = {};
    for (const p of network.inPorts) ins[p.name] = new SubsystemInPort(this as unknown as Subsystem, p);
    const outs: Record<string, SubsystemOutPort> = {};
    for (const p of network.outPorts) outs[p.name] = new SubsystemOutPort(this as unknown as Subsystem, p);
    this.in = Object.freeze(ins) as SubsystemInPorts<I>;
    this.out = Object.freeze(outs) as SubsystemOutPorts<O>;
    this.latencies = portLatencies(network);
  }

  /**
   * The latency in steps (of this subsystem's dt) from an input port to an output port: 0 for
   * direct feedthrough, else the fewest synapses on a path, Infinity where no path.
   * @throws CouplingError when a port is not one of this subsystem's
   */
  latency(from: SubsystemInPort | InPort | FrozenInPort | string, to: SubsystemOutPort | OutPort | FrozenOutPort | string): number {
    const i = typeof from === "string" ? from : from.name;
    const o = typeof to === "string" ? to : to.name;
    const row = this.latencies[i];
    const value = row?.[o];
    if (row === undefined || value === undefined) {
      throw new CouplingError(`${this.toString()}: has no ${row === undefined ? `input port '${i}'` : `output port '${o}'`}`, { label: this.label });
    }
    return value;
  }

  toString(): string {
    return this.label !== undefined ? `Subsystem '${this.label}'` : "Subsystem";
  }
}

/**
 * Makes a {@link Subsystem} of a network with ports, or of a trained subnetwork (run as its frozen
 * copy, at its dt, with its seed), keeping its port types: `subsystem(net).in.u` is a
 * `SubsystemInPort<1>` for `inputs: { u: 1 }`.
 * @throws CouplingError for a bad `dtMultiple` or `seed`
 */
export function subsystem<const I extends PortDims, const O extends PortDims>(
  trained: FrozenSubnetwork<I, O>,
  options?: TrainedSubsystemOptions,
): Subsystem<I, O>;
export function subsystem<const I extends PortDims, const O extends PortDims>(network: Network<I, O>, options?: SubsystemOptions): Subsystem<I, O>;
export function subsystem<const I extends PortDims, const O extends PortDims>(
  source: Network<I, O> | FrozenSubnetwork<I, O>,
  options: SubsystemOptions = {},
): Subsystem<I, O> {
  return new Subsystem(source, options);
}

/** The subsystem of a {@link SubsystemSource}: itself for a Subsystem, else a new one with default options. */
export function toSubsystem<const I extends PortDims, const O extends PortDims>(source: SubsystemSource<I, O>): Subsystem<I, O> {
  return source instanceof Subsystem ? source : new Subsystem(source);
}
