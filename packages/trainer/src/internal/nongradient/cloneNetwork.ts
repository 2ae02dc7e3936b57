import {
  Connection,
  Ensemble,
  LearningRule,
  Network,
  Node,
  type ConnectionOptions,
  type ConnectionSource,
  type ConnectionTarget,
  type NumericLike,
  type PortDims,
  type Shaped,
} from "@plexus/core";

/** A copy of a network and the map from its objects to their copies. */
export interface Cloned {
  readonly network: Network<PortDims, PortDims>;
  readonly connections: ReadonlyMap<Connection, Connection>;
}

/**
 * A copy of a network's structure: subnetworks, nodes, ensembles and connections in the same
 * order (so the same derived seeds and parameter names), sharing the immutable parts (neuron
 * types, synapses, distributions, solvers, functions, processes). Probes are left out (a copy is
 * for running). `extra(conn)` may add options to a connection's copy (e.g. a learning rule).
 * Networks that hold learning rules of their own are not copied (the caller rejects them).
 */
export function cloneNetwork(net: Network, seed: number, extra: (conn: Connection) => Partial<ConnectionOptions> = () => ({})): Cloned {
  const nets = new Map<Network, Network<PortDims, PortDims>>();
  const nodes = new Map<Node, Node>();
  const ensembles = new Map<Ensemble, Ensemble>();
  const connections = new Map<Connection, Connection>();

  const copy = (src: Network, options: { label?: string | undefined; seed?: number | undefined }): Network<PortDims, PortDims> => {
    const dst = new Network<PortDims, PortDims>({
      ...(options.label !== undefined ? { label: options.label } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      inputs: dims(src.inPorts),
      outputs: dims(src.outPorts),
    });
    nets.set(src, dst);
    for (const n of src.nodes) {
      const c = new Node({ ...common(n), output: n.output, sizeIn: n.sizeIn, sizeOut: n.sizeOut });
      nodes.set(n, c);
      dst.add(c);
    }
    for (const e of src.ensembles) {
      const c = new Ensemble({
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
      });
      ensembles.set(e, c);
      dst.add(c);
    }
    for (const sub of src.networks) dst.add(copy(sub, { label: sub.label, seed: sub.seed }) as Network);
    return dst;
  };
  // The copy is built as a subnetwork or on its own with `seed`, so its objects draw what the original's draw with that seed.
  const top = copy(net, { label: net.label, seed });

  const mapEnd = <E extends ConnectionSource | ConnectionTarget>(end: E): E => {
    switch (end.kind) {
      case "node":
        return nodes.get(end)! as E;
      case "ensemble":
        return ensembles.get(end)! as E;
      case "neurons":
        return ensembles.get(end.ensemble)!.neurons as E;
      case "inPort":
        return (nets.get(end.network)?.in[end.name] ?? end) as E;
      case "outPort":
        return (nets.get(end.network)?.out[end.name] ?? end) as E;
    }
  };
  for (const [src, dst] of nets) {
    for (const c of src.connections) {
      const options: ConnectionOptions = {
        ...common(c),
        synapse: c.synapse,
        transform: numeric(c.transform),
        function: c.function,
        ...(c.evalPoints !== undefined ? { evalPoints: c.evalPoints } : {}),
        scaleEvalPoints: c.scaleEvalPoints,
        solver: c.solver,
        ...(c.preSlice !== null ? { preSlice: Array.from(c.preSlice) } : {}),
        ...(c.postSlice !== null ? { postSlice: Array.from(c.postSlice) } : {}),
        ...extra(c),
      };
      const copied = new Connection(mapEnd(c.pre), mapEnd(c.post), options);
      connections.set(c, copied);
      dst.add(copied);
    }
  }
  return { network: top, connections };
}

/** Whether `net` or a subnetwork holds a learning rule. */
export function hasLearningRules(net: Network): boolean {
  return net.all("node").some((n) => n instanceof LearningRule);
}

function dims(ports: readonly { readonly name: string; readonly dimensions: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of ports) out[p.name] = p.dimensions;
  return out;
}

function common(obj: { readonly label: string | undefined; readonly seed: number | undefined }): { label?: string; seed?: number } {
  return { ...(obj.label !== undefined ? { label: obj.label } : {}), ...(obj.seed !== undefined ? { seed: obj.seed } : {}) };
}

function numeric(t: Shaped): NumericLike {
  if (t.shape.length === 0) return t.data[0]!;
  if (t.shape.length === 1) return Float64Array.from(t.data);
  const [rows, cols] = t.shape as [number, number];
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) out.push(t.data.slice(i * cols, (i + 1) * cols));
  return out;
}
