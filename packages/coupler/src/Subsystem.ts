import { CouplingError, type InPort, type Network, type OutPort, type PortDims } from "@plexus/core";
import { portLatencies, type PortLatencies } from "./portLatencies.js";
import { SubsystemInPort } from "./SubsystemInPort.js";
import { SubsystemOutPort } from "./SubsystemOutPort.js";

export interface SubsystemOptions {
  /** Name in messages when the subsystem is not in a system (default: the network's label). */
  readonly label?: string;
  /** Its time step as a multiple of the system's base time step, an integer >= 1 (default 1). */
  readonly dtMultiple?: number;
  /** Seed of its network when the network has none (default: derived from the system's seed and the subsystem's name). */
  readonly seed?: number;
  /** Parameter values by name (e.g. trained ones), as `build(net, { overrides })` takes them. */
  readonly overrides?: ReadonlyMap<string, Float64Array>;
}

/** The input ports of a subsystem with port dimensions `I`. */
export type SubsystemInPorts<I extends PortDims> = { readonly [K in keyof I]: SubsystemInPort<I[K]> };
/** The output ports of a subsystem with port dimensions `O`. */
export type SubsystemOutPorts<O extends PortDims> = { readonly [K in keyof O]: SubsystemOutPort<O[K]> };

/**
 * A network that runs in a coupled system behind its ports, with its own simulator, time step and
 * seed. It knows the latency of each (input, output) pair of ports from its IR graph (see
 * {@link portLatencies}), which is what the system checks loops against.
 */
export class Subsystem<const I extends PortDims = PortDims, const O extends PortDims = PortDims> {
  readonly network: Network<I, O>;
  readonly label: string | undefined;
  readonly dtMultiple: number;
  readonly seed: number | undefined;
  /** Parameter values by name, applied when its network is built (`build(net, { overrides })`). */
  readonly overrides: ReadonlyMap<string, Float64Array> | undefined;
  /** Input ports by name. */
  readonly in: SubsystemInPorts<I>;
  /** Output ports by name. */
  readonly out: SubsystemOutPorts<O>;
  /** Latency in steps of the subsystem (its own dt) for each input and output port name; Infinity where no path. */
  readonly latencies: PortLatencies;

  /** @throws CouplingError when `dtMultiple` is not an integer >= 1 or `seed` not an integer */
  constructor(network: Network<I, O>, options: SubsystemOptions = {}) {
    this.network = network;
    this.label = options.label ?? network.label;
    const m = options.dtMultiple ?? 1;
    if (!(Number.isSafeInteger(m) && m >= 1)) {
      throw new CouplingError(`${this.toString()}.dtMultiple: must be an integer >= 1 (its dt in base time steps; got ${m})`, { label: this.label });
    }
    this.dtMultiple = m;
    if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
      throw new CouplingError(`${this.toString()}.seed: must be an integer (got ${options.seed})`, { label: this.label });
    }
    this.seed = options.seed;
    this.overrides = options.overrides;
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
  latency(from: SubsystemInPort | InPort | string, to: SubsystemOutPort | OutPort | string): number {
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
 * Makes a {@link Subsystem} of a network with ports, keeping its port types:
 * `subsystem(net).in.u` is a `SubsystemInPort<1>` for `inputs: { u: 1 }`.
 * @throws CouplingError for a bad `dtMultiple` or `seed`
 */
export function subsystem<const I extends PortDims, const O extends PortDims>(network: Network<I, O>, options: SubsystemOptions = {}): Subsystem<I, O> {
  return new Subsystem(network, options);
}
