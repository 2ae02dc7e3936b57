import type { EdgeSpec, SystemModel } from "./model.js";
import { inV, outV, type V } from "./zeroDelayCycle.js";

/**
 * The groups of subsystems that must run fused in one simulator: those on a common loop whose
 * wires all have no delay (the loop's delay is only inside them, so each needs the other's output
 * within the step). Returns, for each entry index, its group number (groups numbered by their
 * first entry).
 */
export function fusionGroups(model: SystemModel): number[] {
  const n = model.entries.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    const p = parent[i] ?? i;
    if (p === i) return i;
    const root = find(p);
    parent[i] = root;
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // Port graph: zero-delay wires, and from every input to every output of the same subsystem,
  // whatever its latency (even Infinity, an input that reaches no output such as a PES error port):
  // a unit steps only once every input has its value for that step, so a zero-delay wire into any
  // of its inputs holds back all of its outputs for the step.
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
      for (const o of Object.keys(row)) add(inV(entry.index, i), outV(entry.index, o));
    }
  }
  // Tarjan's strongly connected components.
  let counter = 0;
  const visited = new Map<V, { readonly index: number; low: number }>();
  const onStack = new Set<V>();
  const stack: V[] = [];
  const strong = (v: V): { readonly index: number; low: number } => {
    const at = { index: counter, low: counter };
    visited.set(v, at);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      const seen = visited.get(w);
      if (seen === undefined) at.low = Math.min(at.low, strong(w).low);
      else if (onStack.has(w)) at.low = Math.min(at.low, seen.index);
    }
    if (at.low === at.index) {
      const comp: V[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        comp.push(w);
        if (w === v) break;
      }
      const [head] = comp;
      if (comp.length > 1 && head !== undefined) {
        const first = Number(head.split(":")[0]);
        for (const x of comp) union(first, Number(x.split(":")[0]));
      }
    }
    return at;
  };
  for (const v of adj.keys()) if (!visited.has(v)) strong(v);
  // A zero-delay wire whose two ends are in one group runs inside it too (no cycle needed).
  return Array.from({ length: n }, (_, i) => find(i));
}
