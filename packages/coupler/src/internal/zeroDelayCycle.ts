import type { EdgeSpec, SystemModel } from "./model.js";

/** A vertex of the port graph: `entryIndex:in:name` or `entryIndex:out:name`. */
type V = string;

interface Step {
  readonly to: V;
  readonly label: string;
}

/**
 * A cycle whose total delay is 0 base steps (every wire on it has no delay and every subsystem it
 * passes has direct feedthrough), as the ports it passes, starting at an output port:
 * `["ctrl.u", "plant.u", "plant.x", "ctrl.x"]`; or null when every cycle has a delay.
 */
export function zeroDelayCycle(model: SystemModel): string[] | null {
  const adj = new Map<V, Step[]>();
  const add = (from: V, to: V, label: string): void => {
    const list = adj.get(from) ?? [];
    list.push({ to, label });
    adj.set(from, list);
  };
  for (const e of model.edges) {
    if (e.delaySteps === 0) add(outV(e.from.entry.index, e.from.port.name), inV(e.to.entry.index, e.to.port.name), `${e.to.entry.key}.${e.to.port.name}`);
  }
  for (const entry of model.entries) {
    for (const [i, row] of Object.entries(entry.sub.latencies)) {
      for (const [o, lat] of Object.entries(row)) if (lat === 0) add(inV(entry.index, i), outV(entry.index, o), `${entry.key}.${o}`);
    }
  }
  const names = new Map<V, string>();
  for (const entry of model.entries) {
    for (const p of entry.sub.network.inPorts) names.set(inV(entry.index, p.name), `${entry.key}.${p.name}`);
    for (const p of entry.sub.network.outPorts) names.set(outV(entry.index, p.name), `${entry.key}.${p.name}`);
  }
  const state = new Map<V, 1 | 2>();
  const stack: V[] = [];
  let found: V[] | null = null;
  const visit = (v: V): void => {
    state.set(v, 1);
    stack.push(v);
    for (const { to } of adj.get(v) ?? []) {
      if (found !== null) break;
      const s = state.get(to);
      if (s === 1) found = stack.slice(stack.indexOf(to));
      else if (s === undefined) visit(to);
    }
    stack.pop();
    state.set(v, 2);
  };
  for (const v of adj.keys()) {
    if (found !== null) break;
    if (!state.has(v)) visit(v);
  }
  if (found === null) return null;
  const cycle: V[] = found;
  // Start at the output port that sorts first (by subsystem, then declaration order).
  let best = -1;
  for (let i = 0; i < cycle.length; i++) {
    if (!cycle[i]!.includes(":out:")) continue;
    if (best < 0 || order(model, cycle[i]!) < order(model, cycle[best]!)) best = i;
  }
  const rotated = [...cycle.slice(best), ...cycle.slice(0, best)];
  return rotated.map((v) => names.get(v) ?? v);
}

function inV(entry: number, name: string): V {
  return `${entry}:in:${name}`;
}

function outV(entry: number, name: string): V {
  return `${entry}:out:${name}`;
}

function order(model: SystemModel, v: V): number {
  const [e, , name] = v.split(":") as [string, string, string];
  const entry = model.entries[Number(e)]!;
  return Number(e) * 1e6 + entry.sub.network.outPorts.findIndex((p) => p.name === name);
}

/**
 * The groups of subsystems that must run fused in one simulator: those on a common loop whose
 * wires all have no delay (the loop's delay is only inside them, so each needs the other's output
 * within the step). Returns, for each entry index, its group number (groups numbered by their
 * first entry).
 */
export function fusionGroups(model: SystemModel): number[] {
  const n = model.entries.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // Port graph: zero-delay wires and every internal path (any latency).
  const adj = new Map<V, V[]>();
  const add = (from: V, to: V): void => {
    const list = adj.get(from) ?? [];
    list.push(to);
    adj.set(from, list);
  };
  const zeroEdges: EdgeSpec[] = model.edges.filter((e) => e.delaySteps === 0);
  for (const e of zeroEdges) add(outV(e.from.entry.index, e.from.port.name), inV(e.to.entry.index, e.to.port.name));
  for (const entry of model.entries) {
    for (const [i, row] of Object.entries(entry.sub.latencies)) {
      for (const [o, lat] of Object.entries(row)) if (Number.isFinite(lat)) add(inV(entry.index, i), outV(entry.index, o));
    }
  }
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<V, number>();
  const low = new Map<V, number>();
  const onStack = new Set<V>();
  const stack: V[] = [];
  const strong = (v: V): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: V[] = [];
      let w: V;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) {
        const first = Number(comp[0]!.split(":")[0]);
        for (const x of comp) union(first, Number(x.split(":")[0]));
      }
    }
  };
  for (const v of adj.keys()) if (!index.has(v)) strong(v);
  // A zero-delay wire whose two ends are in one group runs inside it too (no cycle needed).
  return Array.from({ length: n }, (_, i) => find(i));
}
