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
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
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
