import {
  Connection,
  type ConnectionOptions,
  CouplingError,
  cloneNetwork,
  type InPort,
  Lowpass,
  Network,
  type Node,
  type NumericLike,
  type OutPort,
  type PortDims,
  type Probe,
} from "@plexus/core";
import { type EdgeSpec, type InputSpec, type ProbeSpec, portName, type SourceSpec, type SubsystemEntry, type SystemModel, sourcesByPort } from "./model.js";
import { PresentRows } from "./PresentRows.js";

/** What to put in one network: some subsystems and the wiring among and into them. */
export interface ComposeSpec {
  readonly label: string;
  readonly members: readonly SubsystemEntry[];
  /** dt in base steps of every member. */
  readonly multiple: number;
  /** Wires among members, as connections (delays as chains of one-step synapses). */
  readonly internalEdges: readonly EdgeSpec[];
  /** Wires fed from outside: one top-level input port each (`e<id>`, the source's size), then the transform. */
  readonly slotEdges: readonly EdgeSpec[];
  /** Observable inputs: one top-level input port each (`i<id>`). */
  readonly streamInputs: readonly InputSpec[];
  /** Array and function inputs, as nodes. */
  readonly nodeInputs: readonly InputSpec[];
  readonly probes: readonly ProbeSpec[];
}

export interface Composed {
  readonly network: Network<PortDims, PortDims>;
  /** The copy of each member's network, by entry index. */
  readonly copies: ReadonlyMap<number, Network<PortDims, PortDims>>;
  /** Top-level input ports: the slot edges', then the stream inputs'. */
  readonly slots: readonly InPort[];
  /** One Probe per spec probe, in order. */
  readonly probes: readonly Probe[];
  /** The members' overrides, named from the top network (`ctrl/A.encoders`). */
  readonly overrides: ReadonlyMap<string, Float64Array>;
  /** The copy of a member's port. */
  inner<P extends InPort | OutPort>(entry: SubsystemEntry, port: P): P;
}

type Source = OutPort | InPort | Node;
type Target = InPort | Node;

/**
 * Builds one network holding copies of the members' networks (labelled by their keys and seeded
 * with their seeds, so every parameter keeps its value, and its name below the key) and the
 * wiring: a wire becomes a connection into the input port with the wire's transform, through no
 * synapse for delay 0, `Lowpass(0)` (a pure one-step delay) for 1, and a chain of pass-through
 * nodes joined by `Lowpass(0)` for more. An input port with three sources or more sums them
 * through a cascade of pass-through nodes, two at a time in wiring order, so that the sum does
 * not depend on the order the simulator runs the connections in. Each call builds new objects,
 * so it can be called again.
 */
export function composeNetwork(model: SystemModel, spec: ComposeSpec): Composed {
  const inputs: Record<string, number> = {};
  for (const e of spec.slotEdges) inputs[`e${e.id}`] = e.from.port.dimensions;
  for (const i of spec.streamInputs) inputs[`i${i.id}`] = i.to.port.dimensions;
  const top = new Network<PortDims, PortDims>({ label: spec.label, inputs });

  const copies = new Map<number, Network<PortDims, PortDims>>();
  const overrides = new Map<string, Float64Array>();
  for (const entry of spec.members) {
    const copy = cloneNetwork(entry.sub.network, { label: entry.key, seed: entry.seed }).network;
    top.add(copy as Network);
    copies.set(entry.index, copy);
    if (entry.sub.overrides !== undefined) for (const [name, value] of entry.sub.overrides) overrides.set(`${entry.key}/${name}`, value);
  }
  const inner = <P extends InPort | OutPort>(entry: SubsystemEntry, port: P): P => {
    const copy = copies.get(entry.index);
    const found = port.kind === "inPort" ? copy?.in[port.name] : copy?.out[port.name];
    if (found === undefined)
      throw new CouplingError(`${entry.key}.${port.name}: not a port of a subsystem of this unit`, { label: entry.key, subsystem: entry.key });
    return found as P;
  };
  const topIn = (name: string): InPort => {
    const p = top.in[name];
    if (p === undefined) throw new CouplingError(`${spec.label}: the composed network has no input ${name}`, { label: spec.label });
    return p;
  };

  const internal = new Set<EdgeSpec>(spec.internalEdges);
  const slotted = new Set<EdgeSpec>(spec.slotEdges);
  const streamed = new Set<InputSpec>(spec.streamInputs);
  const noded = new Set<InputSpec>(spec.nodeInputs);
  const included = (s: SourceSpec): boolean => (s.kind === "edge" ? internal.has(s) || slotted.has(s) : streamed.has(s) || noded.has(s));

  for (const [, all] of sourcesByPort(model)) {
    const sources = all.filter(included);
    const [first, second, ...rest] = sources;
    if (first === undefined || !copies.has(first.to.entry.index)) continue;
    const port = inner(first.to.entry, first.to.port);
    const last = rest.pop();
    if (second === undefined || last === undefined) {
      for (const src of sources) connectSource(src, port);
      continue;
    }
    // s1, s2 -> c; c, s3 -> c'; ...; c'', s_n -> port: every buffer sums exactly two terms.
    const n = sources.length;
    const sumNode = (k: number): Node => top.node({ output: null, sizeIn: port.dimensions, label: `sum ${portName(first.to)} ${k}/${n}` });
    let acc = sumNode(2);
    connectSource(first, acc);
    connectSource(second, acc);
    for (const [i, src] of rest.entries()) {
      const next = sumNode(i + 3);
      connect(top, acc, next, { synapse: null });
      connectSource(src, next);
      acc = next;
    }
    connect(top, acc, port, { synapse: null });
    connectSource(last, port);
  }

  function connectSource(src: SourceSpec, target: Target): void {
    if (src.kind === "edge") {
      const transform = src.transform === undefined ? {} : { transform: src.transform };
      if (internal.has(src)) {
        const steps = Math.ceil(src.delaySteps / spec.multiple);
        connectDelayed(
          top,
          inner(src.from.entry, src.from.port),
          target,
          steps,
          transform,
          `${src.from.entry.key}.${src.from.port.name}->${src.to.entry.key}.${src.to.port.name}`,
        );
      } else {
        connect(top, topIn(`e${src.id}`), target, { synapse: null, ...transform });
      }
      return;
    }
    if (streamed.has(src)) {
      connect(top, topIn(`i${src.id}`), target, { synapse: null });
      return;
    }
    const dims = src.to.port.dimensions;
    const what = `input ${portName(src.to)}`;
    const values = src.values;
    let node: Node;
    if (values.kind === "array") {
      node = top.node({ output: new PresentRows(values.data, dims, spec.multiple, what), sizeOut: dims, label: what });
    } else if (values.kind === "function") {
      const fn = values.fn;
      node = top.node({ output: (t: number) => fn(t), sizeOut: dims, label: what });
    } else {
      throw new CouplingError(`${what}: an observable input cannot be a node`, { label: portName(src.to) });
    }
    connect(top, node, target, { synapse: null });
  }

  const probes = spec.probes.map((p) => top.probe(inner(p.target.entry, p.target.port), { synapse: p.synapse, label: p.name }));
  const slots = [...spec.slotEdges.map((e) => topIn(`e${e.id}`)), ...spec.streamInputs.map((i) => topIn(`i${i.id}`))];
  return { network: top, copies, slots, probes, overrides, inner };
}

/** `pre` to `post` through `steps` one-step delays: pass-through nodes joined by Lowpass(0); the transform on the first connection. */
function connectDelayed(
  top: Network<PortDims, PortDims>,
  pre: Source,
  post: Target,
  steps: number,
  transform: { readonly transform?: NumericLike },
  label: string,
): void {
  if (steps === 0) {
    connect(top, pre, post, { synapse: null, ...transform });
    return;
  }
  const dims = post.kind === "node" ? post.sizeIn : post.dimensions;
  let from: Source = pre;
  for (let k = 1; k < steps; k++) {
    const node = top.node({ output: null, sizeIn: dims, label: `delay ${label} ${k}/${steps}` });
    connect(top, from, node, { synapse: new Lowpass(0), ...(k === 1 ? transform : {}) });
    from = node;
  }
  connect(top, from, post, { synapse: new Lowpass(0), ...(steps === 1 ? transform : {}) });
}

/**
 * Adds a connection the coupler made (sizes checked by the wiring, shapes by `validate` at build),
 * without `Network.connect`'s compile-time size overloads, which cannot see that a transform
 * is optional here.
 */
function connect(net: Network<PortDims, PortDims>, pre: Source, post: Target, options: ConnectionOptions): void {
  net.add(new Connection(pre, post, options));
}
