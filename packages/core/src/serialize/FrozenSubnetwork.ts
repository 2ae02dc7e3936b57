import type { Network, PortDims } from "../Network.js";

/**
 * The key under which a frozen subnetwork hands out {@link FrozenCopy}s of itself. A registered
 * symbol, so that two copies of this package (a bundled and an unbundled one) agree on it.
 */
export const frozenCopyOf: unique symbol = Symbol.for("@plexus/core.frozenCopyOf");

/**
 * What a frozen (trained) subnetwork runs, as an independent copy: `build(network, { dt, seed,
 * overrides })` is the plan it runs, bit for bit.
 */
export interface FrozenCopy<I extends PortDims = PortDims, O extends PortDims = PortDims> {
  /** A fresh copy of the network (its structure, ports, labels and learning rules), seeded with `seed`; probes left out. */
  readonly network: Network<I, O>;
  /** Every frozen parameter by `parameterName` (relative to `network`), as `build(net, { overrides })` takes them: fresh arrays. */
  readonly overrides: ReadonlyMap<string, Float64Array>;
  /** Time step (s) it was trained and deployed at. */
  readonly dt: number;
  /** Seed of its deployed build (also set as `network.seed`). */
  readonly seed: number;
}

/** An input port handle of a frozen subnetwork: names the port, typed by its dimensions. */
export interface FrozenInPort<D extends number = number> {
  readonly kind: "trainedInPort";
  /** The subnetwork the port belongs to. */
  readonly subnetwork: FrozenSubnetwork;
  readonly name: string;
  readonly dimensions: D;
}

/** An output port handle of a frozen subnetwork: names the port, typed by its dimensions. */
export interface FrozenOutPort<D extends number = number> {
  readonly kind: "trainedOutPort";
  /** The subnetwork the port belongs to. */
  readonly subnetwork: FrozenSubnetwork;
  readonly name: string;
  readonly dimensions: D;
}

/**
 * A sealed subnetwork with frozen parameters, entered and left through its ports only, as a
 * trainer makes it (`TrainedSubnetwork` of `@plexus/trainer` is one). This is all a runtime (the
 * coupler) needs of it: its port signatures and port handles, and a frozen copy to build.
 */
export interface FrozenSubnetwork<I extends PortDims = PortDims, O extends PortDims = PortDims> {
  /** The network's label. */
  readonly label: string | undefined;
  /** Port names and dimensions. */
  readonly ports: { readonly inputs: Readonly<I>; readonly outputs: Readonly<O> };
  /** Input port handles. */
  readonly in: { readonly [K in keyof I]: FrozenInPort<I[K]> };
  /** Output port handles. */
  readonly out: { readonly [K in keyof O]: FrozenOutPort<O[K]> };
  /** A new frozen copy of what it runs (sharing no mutable state with it). */
  [frozenCopyOf](): FrozenCopy<I, O>;
}

/** Whether `x` is a {@link FrozenSubnetwork} (has the {@link frozenCopyOf} method). */
export function isFrozenSubnetwork(x: unknown): x is FrozenSubnetwork {
  return typeof x === "object" && x !== null && typeof (x as { [frozenCopyOf]?: unknown })[frozenCopyOf] === "function";
}
