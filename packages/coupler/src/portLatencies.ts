import type { Connection, Ensemble, InPort, Network, Node, OutPort } from "@plexus/core";

/** For each input port name, for each output port name: the latency in steps (Infinity: no path). */
export type PortLatencies = { readonly [input: string]: { readonly [output: string]: number } };

type Vertex = Node | Ensemble | InPort | OutPort;

/**
 * The latency of every (input port, output port) pair of a network, in steps, from its IR graph:
 * 0 where some path from the input to the output has no synapse (direct feedthrough), otherwise
 * the smallest number of synapses on any path (each synapse delays one step, as in Nengo), and
 * `Infinity` where no path leads from the input to the output. Paths run through connections,
 * nodes, ensembles (with their neurons) and the ports of nested subnetworks; a probe is not a path.
 */
export function portLatencies(net: Network): PortLatencies {
  const adjacency = new Map<Vertex, { to: Vertex; weight: 0 | 1 }[]>();
  for (const conn of net.all("connection")) {
    const from = vertexOf(conn.pre);
    const list = adjacency.get(from) ?? [];
    list.push({ to: vertexOf(conn.post), weight: conn.synapse === null ? 0 : 1 });
    adjacency.set(from, list);
  }
  const result: Record<string, Record<string, number>> = {};
  for (const input of net.inPorts) {
    const dist = shortestPaths(adjacency, input);
    const row: Record<string, number> = {};
    for (const output of net.outPorts) row[output.name] = dist.get(output) ?? Infinity;
    result[input.name] = row;
  }
  return result;
}

function vertexOf(end: Connection["pre"] | Connection["post"]): Vertex {
  return end.kind === "neurons" ? end.ensemble : end;
}

/** 0-1 breadth-first search: edge weights are 0 (no synapse) or 1 (one synapse). */
function shortestPaths(adjacency: Map<Vertex, { to: Vertex; weight: 0 | 1 }[]>, source: Vertex): Map<Vertex, number> {
  const dist = new Map<Vertex, number>([[source, 0]]);
  const deque: Vertex[] = [source];
  let head = 0;
  // A deque as an array with a moving head: weight-0 edges go to the front (unshift at head).
  for (let v = deque[head++]; v !== undefined; v = deque[head++]) {
    const dv = dist.get(v) ?? Infinity; // set before v was queued
    for (const { to, weight } of adjacency.get(v) ?? []) {
      const nd = dv + weight;
      if (nd < (dist.get(to) ?? Infinity)) {
        dist.set(to, nd);
        if (weight === 0) deque.splice(head, 0, to);
        else deque.push(to);
      }
    }
  }
  return dist;
}
