import { Connection, type ConnectionOptions, type ConnectionSource, type ConnectionTarget } from "./Connection.js";
import { Ensemble } from "./Ensemble.js";
import { InternalError, ValidationError } from "./errors.js";
import type { IRObject } from "./IRObject.js";
import { networkArgument } from "./internal/argumentChecks.js";
import { f64At } from "./internal/checked.js";
import { kindOf, optionsObject } from "./internal/optionsObject.js";
import type { NumericLike, Shaped } from "./internal/shape.js";
import { LearningRule } from "./learning/LearningRule.js";
import { Network, type PortDims } from "./Network.js";
import { Neurons } from "./Neurons.js";
import { Node } from "./Node.js";

export interface CloneNetworkOptions {
  /** Label of the copy's top network (default: the original's). */
  readonly label?: string | undefined;
  /** Seed of the copy's top network (default: the original's). */
  readonly seed?: number | undefined;
  /** Extra options for a connection's copy (e.g. a learning rule to add). */
  readonly connectionOptions?: (conn: Connection) => Partial<ConnectionOptions>;
}

/** A copy of a network, with the map from each original object to its copy. */
export interface ClonedNetwork {
  readonly network: Network<PortDims, PortDims>;
  readonly networks: ReadonlyMap<Network, Network>;
  readonly nodes: ReadonlyMap<Node, Node>;
  readonly ensembles: ReadonlyMap<Ensemble, Ensemble>;
  readonly connections: ReadonlyMap<Connection, Connection>;
}

/**
 * A deep copy of a network's structure: subnetworks, nodes, ensembles, connections (with their
 * learning rules and the connections into them) and ports, each list in the same order as the
 * original, so the copy derives the same seeds and parameter names. The immutable parts (neuron
 * types, synapses, distributions, solvers, functions, processes) are shared. Probes are left out:
 * a copy is for running. An object belongs to one network only, so every composition of a
 * network into a larger one works on a copy.
 */
export function cloneNetwork(net: Network, options: CloneNetworkOptions = {}): ClonedNetwork {
  networkArgument(net, "cloneNetwork");
  const opts = optionsObject(options, "cloneNetwork");
  if (opts.connectionOptions !== undefined && typeof opts.connectionOptions !== "function") {
    throw new ValidationError({
      object: "cloneNetwork",
      attr: "connectionOptions",
      message: `must be a function of the original connection returning extra connection options (got ${kindOf(opts.connectionOptions)})`,
    });
  }
  const networks = new Map<Network, Network<PortDims, PortDims>>();
  const nodes = new Map<Node, Node>();
  const ensembles = new Map<Ensemble, Ensemble>();
  const connections = new Map<Connection, Connection>();
  const extra = opts.connectionOptions ?? (() => ({}));

  // 1. Create every object, unattached: networks (with their ports), nodes, ensembles.
  const createNetworks = (src: Network, label: string | undefined, seed: number | undefined): void => {
    networks.set(
      src,
      new Network<PortDims, PortDims>({
        ...(label !== undefined ? { label } : {}),
        ...(seed !== undefined ? { seed } : {}),
        inputs: portDims(src.inPorts),
        outputs: portDims(src.outPorts),
      }),
    );
    for (const n of src.nodes) {
      if (!(n instanceof LearningRule)) nodes.set(n, new Node({ ...common(n), output: n.output, sizeIn: n.sizeIn, sizeOut: n.sizeOut }));
    }
    for (const e of src.ensembles) ensembles.set(e, new Ensemble(ensembleOptions(e)));
    for (const sub of src.networks) createNetworks(sub, sub.label, sub.seed);
  };
  createNetworks(net, "label" in opts ? opts.label : net.label, "seed" in opts ? opts.seed : net.seed);

  // 2. Connections, unattached; those into a learning rule after the connection that owns the rule.
  /** The copy's rule in the same place of its connection's rules (undefined before the connection is copied). */
  const ruleCopy = (rule: LearningRule): LearningRule | undefined =>
    connections.get(rule.connection)?.learningRules[rule.connection.learningRules.indexOf(rule)];
  const mapEnd = <E extends ConnectionSource | ConnectionTarget>(end: E): E => {
    switch (end.kind) {
      case "node":
        if (end instanceof LearningRule) {
          return (ruleCopy(end) ?? end) as unknown as E;
        }
        return (nodes.get(end) ?? end) as E;
      case "ensemble":
        return (ensembles.get(end) ?? end) as E;
      case "neurons":
        return (ensembles.get(end.ensemble)?.neurons ?? end) as E;
      case "inPort":
        return (networks.get(end.network)?.in[end.name] ?? end) as E;
      case "outPort":
        return (networks.get(end.network)?.out[end.name] ?? end) as E;
    }
  };
  const all = [...networks.keys()].flatMap((n) => n.connections);
  const intoRule = (c: Connection): boolean => c.post instanceof LearningRule;
  for (const c of [...all.filter((c) => !intoRule(c)), ...all.filter(intoRule)]) {
    connections.set(c, new Connection(mapEnd(c.pre), mapEnd(c.post), { ...connectionOptions(c), ...extra(c) }));
  }

  // 3. Each copy keeps its original's config (defaults for objects added later, trainable flags).
  const objectCopy = (obj: IRObject | Neurons): IRObject | Neurons | undefined => {
    if (obj instanceof Neurons) return ensembles.get(obj.ensemble)?.neurons;
    if (obj instanceof Ensemble) return ensembles.get(obj);
    if (obj instanceof Connection) return connections.get(obj);
    if (obj instanceof Network) return networks.get(obj);
    if (obj instanceof LearningRule) return ruleCopy(obj);
    if (obj instanceof Node) return nodes.get(obj);
    return undefined;
  };
  for (const [src, dst] of networks) dst.config.copyFrom(src.config, objectCopy);

  // 4. Attach everything in the original order.
  for (const [src, dst] of networks) {
    for (const n of src.nodes) dst.add(n instanceof LearningRule ? (ruleCopy(n) ?? n) : copyOf(nodes, n, "node"));
    for (const e of src.ensembles) dst.add(copyOf(ensembles, e, "ensemble"));
    for (const sub of src.networks) dst.add(copyOf(networks, sub, "network") as Network);
    for (const c of src.connections) dst.add(copyOf(connections, c, "connection"));
  }
  return { network: copyOf(networks, net, "network"), networks, nodes, ensembles, connections };
}

/** The copy of `original` made in steps 1 and 2 (each object of the network has one). */
function copyOf<K extends { readonly label: string | undefined }, V>(copies: ReadonlyMap<K, V>, original: K, kind: string): V {
  const copy = copies.get(original);
  if (copy === undefined) throw new InternalError(`cloneNetwork: the ${kind} ${original.label ?? "(unlabelled)"} was not copied`);
  return copy;
}

function portDims(ports: readonly { readonly name: string; readonly dimensions: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of ports) out[p.name] = p.dimensions;
  return out;
}

function common(obj: { readonly label: string | undefined; readonly seed: number | undefined }): { label?: string; seed?: number } {
  return { ...(obj.label !== undefined ? { label: obj.label } : {}), ...(obj.seed !== undefined ? { seed: obj.seed } : {}) };
}

function ensembleOptions(e: Ensemble): ConstructorParameters<typeof Ensemble>[0] {
  return {
    ...common(e),
    nNeurons: e.nNeurons,
    dimensions: e.dimensions,
    radius: e.radius,
    neuronType: e.neuronType,
    encoders: e.encoders,
    intercepts: e.intercepts,
    maxRates: e.maxRates,
    ...(e.gain !== undefined && e.bias !== undefined ? { gain: e.gain, bias: e.bias } : {}),
    evalPoints: e.evalPoints,
    ...(e.nEvalPoints !== undefined ? { nEvalPoints: e.nEvalPoints } : {}),
    normalizeEncoders: e.normalizeEncoders,
    noise: e.noise,
  };
}

function connectionOptions(c: Connection): ConnectionOptions {
  const fp = c.functionPoints;
  return {
    ...common(c),
    synapse: c.synapse,
    transform: c.denseTransform !== null ? shapedToNumeric(c.denseTransform) : c.transformObject,
    function: fp !== null ? Array.from({ length: fp.nPoints }, (_, k) => fp.targets.slice(k * fp.sizeOut, (k + 1) * fp.sizeOut)) : c.function,
    ...(c.evalPoints !== undefined ? { evalPoints: c.evalPoints } : {}),
    scaleEvalPoints: c.scaleEvalPoints,
    solver: c.solver,
    ...(c.preSlice !== null ? { preSlice: Array.from(c.preSlice) } : {}),
    ...(c.postSlice !== null ? { postSlice: Array.from(c.postSlice) } : {}),
    ...(c.learningRuleType !== null ? { learningRule: c.learningRuleType } : {}),
  };
}

/** A transform back in the form a connection takes (a copy: the clone owns its data). */
export function shapedToNumeric(t: Shaped): NumericLike {
  if (t.shape.length === 0) return f64At(t.data, 0);
  if (t.shape.length === 1) return Float64Array.from(t.data);
  const [rows, cols] = t.shape as [number, number];
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) out.push(t.data.slice(i * cols, (i + 1) * cols));
  return out;
}
