import {
  Connection,
  Ensemble,
  Network,
  Node,
  type ConnectionOptions,
  type ConnectionSource,
  type ConnectionTarget,
  type EnsembleOptions,
  type NodeOptions,
  type NumericLike,
  type PortDims,
  type Shaped,
} from "@plexus/core";

export interface CloneOptions {
  /** Label of the copy's top network (default: the original's). */
  readonly label?: string | undefined;
  /** Seed of the copy's top network (default: the original's). */
  readonly seed?: number | undefined;
}

/**
 * A deep copy of a network's structure: its subnetworks, nodes, ensembles and connections, in the
 * same order (so the same derived seeds and parameter names), sharing the immutable parts
 * (neuron types, synapses, distributions, functions). Probes are left out: a copy is for running.
 * An object belongs to one network only, so every composition of a system works on copies.
 */
export function cloneNetwork(net: Network, options: CloneOptions = {}): Network<PortDims, PortDims> {
  const nets = new Map<Network, Network<PortDims, PortDims>>();
  const nodes = new Map<Node, Node>();
  const ensembles = new Map<Ensemble, Ensemble>();

  const copyStructure = (src: Network, label: string | undefined, seed: number | undefined): Network<PortDims, PortDims> => {
    const dst = new Network<PortDims, PortDims>({
      ...(label !== undefined ? { label } : {}),
      ...(seed !== undefined ? { seed } : {}),
      inputs: dims(src.inPorts),
      outputs: dims(src.outPorts),
    });
    nets.set(src, dst);
    for (const n of src.nodes) {
      const copy = new Node(nodeOptions(n));
      nodes.set(n, copy);
      dst.add(copy);
    }
    for (const e of src.ensembles) {
      const copy = new Ensemble(ensembleOptions(e));
      ensembles.set(e, copy);
      dst.add(copy);
    }
    for (const sub of src.networks) dst.add(copyStructure(sub, sub.label, sub.seed) as Network);
    return dst;
  };
  const top = copyStructure(net, "label" in options ? options.label : net.label, "seed" in options ? options.seed : net.seed);

  const mapEnd = <E extends ConnectionSource | ConnectionTarget>(end: E): E => {
    switch (end.kind) {
      case "node":
        return (nodes.get(end) ?? end) as E;
      case "ensemble":
        return (ensembles.get(end) ?? end) as E;
      case "neurons":
        return (ensembles.get(end.ensemble)?.neurons ?? end) as E;
      case "inPort":
        return (nets.get(end.network)?.in[end.name] ?? end) as E;
      case "outPort":
        return (nets.get(end.network)?.out[end.name] ?? end) as E;
    }
  };
  for (const [src, dst] of nets) {
    for (const c of src.connections) dst.add(new Connection(mapEnd(c.pre), mapEnd(c.post), connectionOptions(c)));
  }
  return top;
}

function dims(ports: readonly { readonly name: string; readonly dimensions: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of ports) out[p.name] = p.dimensions;
  return out;
}

function common(obj: { readonly label: string | undefined; readonly seed: number | undefined }): { label?: string; seed?: number } {
  return { ...(obj.label !== undefined ? { label: obj.label } : {}), ...(obj.seed !== undefined ? { seed: obj.seed } : {}) };
}

function nodeOptions(n: Node): NodeOptions {
  return { ...common(n), output: n.output, sizeIn: n.sizeIn, sizeOut: n.sizeOut };
}

function ensembleOptions(e: Ensemble): EnsembleOptions {
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
  return {
    ...common(c),
    synapse: c.synapse,
    transform: shapedToNumeric(c.transform),
    function: c.function,
    ...(c.evalPoints !== undefined ? { evalPoints: c.evalPoints } : {}),
    scaleEvalPoints: c.scaleEvalPoints,
    solver: c.solver,
    ...(c.preSlice !== null ? { preSlice: Array.from(c.preSlice) } : {}),
    ...(c.postSlice !== null ? { postSlice: Array.from(c.postSlice) } : {}),
  };
}

/** The transform back in the form a connection takes (a copy: the clone owns its data). */
export function shapedToNumeric(t: Shaped): NumericLike {
  if (t.shape.length === 0) return t.data[0]!;
  if (t.shape.length === 1) return Float64Array.from(t.data);
  const [rows, cols] = t.shape as [number, number];
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) out.push(t.data.slice(i * cols, (i + 1) * cols));
  return out;
}
