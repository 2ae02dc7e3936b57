import { Config } from "./Config.js";
import { Connection, type ConnectionOptions, type ConnectionSource, type ConnectionTarget, type Slice } from "./Connection.js";
import { Ensemble, type EnsembleOptions } from "./Ensemble.js";
import { PortError, ValidationError } from "./errors.js";
import { InPort } from "./InPort.js";
import { IRObject } from "./IRObject.js";
import { optionsObject } from "./internal/optionsObject.js";
import { showValue } from "./internal/showValue.js";
import { sizeProblem } from "./internal/sizeLimit.js";
import { Node, type NodeOptions } from "./Node.js";
import { OutPort } from "./OutPort.js";
import { Probe, type ProbeOptions, type ProbeTarget } from "./Probe.js";

/** Port names and their dimensions, e.g. `{ u: 1, ref: 2 }`. */
export type PortDims = Readonly<Record<string, number>>;

/** The input ports of a network with port dimensions `I`. */
export type InPorts<I extends PortDims> = { readonly [K in keyof I]: InPort<I[K]> };
/** The output ports of a network with port dimensions `O`. */
export type OutPorts<O extends PortDims> = { readonly [K in keyof O]: OutPort<O[K]> };

/**
 * A compile-time check that two sizes agree where both are literal types: resolves to `unknown`
 * (no constraint) when they agree or either is a plain `number`, and to an error shape otherwise.
 */
export type SameSize<A extends number, B extends number> = number extends A
  ? unknown
  : number extends B
    ? unknown
    : [A] extends [B]
      ? unknown
      : { readonly "dimension mismatch": [A, B] };

/** Options that keep the connection's size (no transform, function or slice): sizes must agree. */
export type SizePreservingOptions = ConnectionOptions & {
  readonly transform?: null | undefined;
  readonly function?: null | undefined;
  readonly preSlice?: undefined;
  readonly postSlice?: undefined;
};

/** Options that may change the connection's size; `validate` checks the shapes at build. */
export type SizeChangingOptions =
  | { readonly transform: NonNullable<ConnectionOptions["transform"]> }
  | { readonly function: ConnectionOptions["function"] }
  | { readonly preSlice: Slice }
  | { readonly postSlice: Slice };

type SizeOf<T> = T extends InPort<infer D> | OutPort<infer D> | Ensemble<infer D> ? D : number;

export interface NetworkOptions<I extends PortDims = PortDims, O extends PortDims = PortDims> {
  readonly label?: string;
  /**
   * Seed from which every object's seed is derived (default: the simulator's seed, else 0). An
   * unseeded network under an unseeded simulator is seeded 0, so runs repeat exactly; Nengo draws
   * a fresh seed each time instead (give distinct seeds for independent draws).
   */
  readonly seed?: number;
  /** Input ports, by name and dimensions, e.g. `{ u: 1 }`. */
  readonly inputs?: I;
  /** Output ports, by name and dimensions, e.g. `{ y: 1 }`. */
  readonly outputs?: O;
}

type AnyObject = Node | Ensemble | Connection | Probe | Network;

/**
 * A container of nodes, ensembles, connections, probes and subnetworks (Nengo's `nengo.Network`).
 * A network with ports is a subnetwork that can be trained and coupled: `net.in.u` and
 * `net.out.y` are its only way in and out, typed by name and dimensions.
 */
export class Network<const I extends PortDims = {}, const O extends PortDims = {}> extends IRObject {
  readonly kind = "network" as const;
  readonly config: Config;
  readonly nodes: Node[] = [];
  readonly ensembles: Ensemble[] = [];
  readonly connections: Connection[] = [];
  readonly probes: Probe[] = [];
  readonly networks: Network[] = [];
  /** Input ports by name. */
  readonly in: InPorts<I>;
  /** Output ports by name. */
  readonly out: OutPorts<O>;

  /** @throws ValidationError when `options` is not an object or `parentConfig` is not a Config */
  constructor(options: NetworkOptions<I, O> = {}, parentConfig?: Config) {
    super(options);
    if (parentConfig !== undefined && !(parentConfig instanceof Config)) {
      throw new ValidationError({
        object: new.target.name,
        attr: "parentConfig",
        message: `must be a Config (the config of the network it is built in, as net.addNetwork passes it) or left out (got ${showValue(parentConfig)})`,
      });
    }
    this.config = new Config(parentConfig);
    this.in = makePorts(this, options.inputs ?? ({} as I), (net, name, d) => new InPort(net, name, d)) as InPorts<I>;
    this.out = makePorts(this, options.outputs ?? ({} as O), (net, name, d) => new OutPort(net, name, d)) as OutPorts<O>;
  }

  /** Input ports as a list, in declaration order. */
  get inPorts(): InPort[] {
    return Object.values(this.in) as InPort[];
  }

  /** Output ports as a list, in declaration order. */
  get outPorts(): OutPort[] {
    return Object.values(this.out) as OutPort[];
  }

  /** Adds a Node (Nengo's `nengo.Node`). */
  node(options: NodeOptions = {}): Node {
    return this.add(new Node({ ...this.config.defaults("node"), ...optionsObject(options, "Node") }));
  }

  /** Adds an Ensemble (Nengo's `nengo.Ensemble`). */
  ensemble<const D extends number>(options: EnsembleOptions<D>): Ensemble<D> {
    return this.add(new Ensemble<D>({ ...this.config.defaults("ensemble"), ...optionsObject(options, "Ensemble") } as EnsembleOptions<D>));
  }

  /**
   * Adds a Connection from `pre` to `post` (Nengo's `nengo.Connection`). Where both ends have
   * literal sizes and neither a transform nor a function changes the size, a mismatch is a compile
   * error; otherwise `validate` (run by every build) reports it.
   */
  connect<Pre extends ConnectionSource, Post extends ConnectionTarget>(
    pre: Pre,
    post: Post & SameSize<SizeOf<Pre>, SizeOf<Post>>,
    options?: SizePreservingOptions,
  ): Connection;
  connect(pre: ConnectionSource, post: ConnectionTarget, options: ConnectionOptions & SizeChangingOptions): Connection;
  connect(pre: ConnectionSource, post: ConnectionTarget, options: ConnectionOptions = {}): Connection {
    this.checkPortUse(pre, "pre");
    this.checkPortUse(post, "post");
    return this.add(new Connection(pre, post, { ...this.config.defaults("connection"), ...optionsObject(options, "Connection") }));
  }

  /** Adds a Probe (Nengo's `nengo.Probe`). */
  probe(target: ProbeTarget, options: ProbeOptions = {}): Probe {
    return this.add(new Probe(target, { ...this.config.defaults("probe"), ...optionsObject(options, "Probe") }));
  }

  /** Adds a subnetwork, which inherits this network's config. */
  network<const I2 extends PortDims = {}, const O2 extends PortDims = {}>(options: NetworkOptions<I2, O2> = {}): Network<I2, O2> {
    return this.add(new Network<I2, O2>(options, this.config));
  }

  /**
   * Adds a library network (`EnsembleArray`, `Product`, `Integrator`, `Oscillator`, or any network
   * class whose constructor takes `(options, parentConfig)`), built with this network's config as
   * its parent, as Nengo's `with net:` does: defaults set on `net.config` (e.g.
   * `net.config.ensemble.neuronType = new Direct()`) reach the objects inside it.
   */
  addNetwork<T extends Network<PortDims, PortDims>, Options>(ctor: new (options: Options, parentConfig?: Config) => T, options: Options): T {
    return this.add(new ctor(options, this.config));
  }

  /** Adds an object created elsewhere (an object may belong to one network only). */
  add<T extends AnyObject>(obj: T): T {
    if (obj === (this as unknown)) {
      throw new ValidationError({ object: this.toString(), message: "a network cannot contain itself" });
    }
    if (obj.kind === "network" && (obj as Network).contains(this as unknown as Network)) {
      throw new ValidationError({
        object: this.toString(),
        message: `cannot add ${obj} to it: ${obj} already contains it, so the networks would contain each other; add the objects you need to one of them instead`,
      });
    }
    obj.owners.push(this);
    switch (obj.kind) {
      case "node":
        this.nodes.push(obj);
        break;
      case "ensemble":
        this.ensembles.push(obj);
        break;
      case "connection":
        this.connections.push(obj);
        // Its error inputs belong to the network too (unless a copy placed it already, in order).
        for (const rule of obj.learningRules) if (!rule.owners.includes(this as unknown as Network)) this.add(rule);
        break;
      case "probe":
        this.probes.push(obj);
        break;
      case "network":
        this.networks.push(obj);
        break;
    }
    return obj;
  }

  /** The index of `obj` among this network's objects of its kind (-1 if absent). */
  indexOf(obj: IRObject): number {
    switch (obj.kind) {
      case "node":
        return this.nodes.indexOf(obj as Node);
      case "ensemble":
        return this.ensembles.indexOf(obj as Ensemble);
      case "connection":
        return this.connections.indexOf(obj as Connection);
      case "probe":
        return this.probes.indexOf(obj as Probe);
      case "network":
        return this.networks.indexOf(obj as unknown as Network);
      default:
        return -1;
    }
  }

  /** True when `net` is this network's subnetwork at any depth. */
  contains(net: Network): boolean {
    return this.networks.some((sub) => sub === net || sub.contains(net));
  }

  /** Every object of this network and its subnetworks, depth first (own objects before the subnetworks'). */
  all<K extends "node" | "ensemble" | "connection" | "probe" | "network">(kind: K): Extract<AnyObject, { kind: K }>[] {
    const out: AnyObject[] = [];
    const visit = (net: Network): void => {
      const own: readonly AnyObject[] =
        kind === "node"
          ? net.nodes
          : kind === "ensemble"
            ? net.ensembles
            : kind === "connection"
              ? net.connections
              : kind === "probe"
                ? net.probes
                : net.networks;
      out.push(...own);
      for (const sub of net.networks) visit(sub);
    };
    visit(this);
    return out as Extract<AnyObject, { kind: K }>[];
  }

  /** Ports may be used from inside their own network, or from the network that contains it. */
  private checkPortUse(end: ConnectionSource | ConnectionTarget, role: "pre" | "post"): void {
    // null, undefined or a non-object is left to Connection's own check of its ends (a typed error)
    if (typeof end !== "object" || end === null || (end.kind !== "inPort" && end.kind !== "outPort")) return;
    const owner = end.network;
    const inside = owner === this;
    const outside = owner.owners.includes(this as unknown as Network);
    if (!inside && !outside) {
      throw new PortError(`${end}: can only be connected from inside ${owner} or from the network that contains it (not from ${this})`, {
        label: end.toString(),
      });
    }
    // Inside: data enters through in-ports (pre) and leaves through out-ports (post); outside, the reverse.
    const ok = inside ? (end.kind === "inPort") === (role === "pre") : (end.kind === "outPort") === (role === "pre");
    if (!ok) {
      const dir = end.kind === "inPort" ? "an input port" : "an output port";
      throw new PortError(
        `${end}: ${dir} cannot be the ${role} of a connection ${inside ? "inside" : "outside"} its network; ${
          end.kind === "inPort" ? "inside, connect from it; outside, connect into it" : "inside, connect into it; outside, connect from it"
        }`,
        { label: end.toString() },
      );
    }
  }
}

function makePorts<P>(net: Network, dims: PortDims, make: (net: Network, name: string, d: number) => P): Record<string, P> {
  const ports: Record<string, P> = {};
  for (const [name, d] of Object.entries(dims)) {
    const problem = sizeProblem(d, 1);
    if (problem !== null) throw new PortError(`${net.toString()}: port '${name}' dimension ${problem}`, { label: name });
    ports[name] = make(net, name, d);
  }
  return Object.freeze(ports);
}
