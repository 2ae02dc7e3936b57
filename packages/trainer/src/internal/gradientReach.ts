import { type ConnectionSource, type ConnectionTarget, type Network, type OutPort, parameterName } from "@plexus/core";

/** A vertex of the latency graph: the object a connection end stands for (neurons are their ensemble). */
function vertex(end: ConnectionSource | ConnectionTarget): object {
  return end.kind === "neurons" ? end.ensemble : end;
}

/**
 * The least number of synapses from `sources` (vertex → steps already spent) to every vertex
 * of `net`: a 0-1 breadth-first search over its connections (a synapse delays by one step).
 */
function distances(net: Network, sources: ReadonlyMap<object, number>): Map<object, number> {
  const edges = new Map<object, { to: object; w: number }[]>();
  for (const c of net.all("connection")) {
    const list = edges.get(vertex(c.pre)) ?? [];
    list.push({ to: vertex(c.post), w: c.synapse === null ? 0 : 1 });
    edges.set(vertex(c.pre), list);
  }
  const dist = new Map(sources);
  const deque = [...sources.entries()].sort(([, a], [, b]) => a - b).map(([v]) => v);
  for (let v = deque.shift(); v !== undefined; v = deque.shift()) {
    const d = dist.get(v) ?? Infinity; // set before v was queued
    for (const e of edges.get(v) ?? []) {
      const nd = d + e.w;
      if (nd < (dist.get(e.to) ?? Infinity)) {
        dist.set(e.to, nd);
        if (e.w === 0) deque.unshift(e.to);
        else deque.push(e.to);
      }
    }
  }
  return dist;
}

/** How early, in steps, an output port can feel the trained parameters and the input ports. */
export interface PortReach {
  readonly port: OutPort;
  /** Least synapses from any trained parameter (an ensemble's encoders or bias, a connection's weights) to the port. */
  readonly fromParameters: number;
  /** Least synapses from any input port to the port (`latency`). */
  readonly fromInputs: number;
}

/**
 * For each output port of `net`: the latency from its trained parameters and from its inputs.
 * An output at step k of an example (from a reset state) depends on a parameter only when k is
 * at least the parameter's latency, so with examples of `steps` steps a port whose
 * `fromParameters >= steps` never sees a gradient.
 */
export function portReach(net: Network, trained: ReadonlySet<string>): PortReach[] {
  const fromParams = new Map<object, number>();
  const seed = (v: object, d: number): void => void fromParams.set(v, Math.min(d, fromParams.get(v) ?? Infinity));
  for (const e of net.all("ensemble")) {
    if (trained.has(parameterName(e, "encoders", net)) || trained.has(parameterName(e, "bias", net))) seed(e, 0);
  }
  for (const c of net.all("connection")) {
    if (trained.has(parameterName(c, "weights", net))) seed(vertex(c.post), c.synapse === null ? 0 : 1);
  }
  const params = distances(net, fromParams);
  const inputs = distances(net, new Map(net.inPorts.map((p) => [p, 0])));
  return net.outPorts.map((port) => ({ port, fromParameters: params.get(port) ?? Infinity, fromInputs: inputs.get(port) ?? Infinity }));
}
