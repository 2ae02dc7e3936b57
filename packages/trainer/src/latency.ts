import { type ConnectionSource, type ConnectionTarget, type InPort, type Network, type OutPort, PortError } from "@plexus/core";

function vertex(end: ConnectionSource | ConnectionTarget): object {
  return end.kind === "neurons" ? end.ensemble : end;
}

/**
 * The latency, in time steps, from input port `from` to output port `to` of `network`: the least
 * number of synapses on any path of connections between them. Each synapse (even `Lowpass(0)`)
 * delays its signal by one step; connections without a synapse, neurons, nodes and ports act
 * within the step, so 0 means direct feedthrough (a value written at step k reaches the output at
 * step k). `Infinity` when no path leads from `from` to `to`.
 * @throws PortError when `from` or `to` is not a port of `network`.
 */
export function latency(network: Network, from: InPort, to: OutPort): number {
  if (from.network !== network || !network.inPorts.includes(from)) {
    throw new PortError(`${String(from)}: is not an input port of ${network}; its input ports are ${network.inPorts.map((p) => p.name).join(", ") || "none"}`, {
      label: `in.${from.name}`,
    });
  }
  if (to.network !== network || !network.outPorts.includes(to)) {
    throw new PortError(
      `${String(to)}: is not an output port of ${network}; its output ports are ${network.outPorts.map((p) => p.name).join(", ") || "none"}`,
      {
        label: `out.${to.name}`,
      },
    );
  }
  const edges = new Map<object, { to: object; w: number }[]>();
  for (const c of network.all("connection")) {
    const a = vertex(c.pre);
    const list = edges.get(a) ?? [];
    list.push({ to: vertex(c.post), w: c.synapse === null ? 0 : 1 });
    edges.set(a, list);
  }
  // 0-1 breadth-first search: edges of weight 0 go to the front of the deque.
  const dist = new Map<object, number>([[from, 0]]);
  const deque: object[] = [from];
  for (let v = deque.shift(); v !== undefined; v = deque.shift()) {
    const d = dist.get(v) ?? Infinity; // set before v was queued
    if (v === to) return d;
    for (const e of edges.get(v) ?? []) {
      const nd = d + e.w;
      if (nd < (dist.get(e.to) ?? Infinity)) {
        dist.set(e.to, nd);
        if (e.w === 0) deque.unshift(e.to);
        else deque.push(e.to);
      }
    }
  }
  return Infinity;
}
