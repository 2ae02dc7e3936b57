import { BuildError } from "@plexus/core";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

interface Access {
  sets: number[];
  incs: number[];
  reads: number[];
  updates: number[];
}

/**
 * Orders kernels once, as Nengo's `operator_dependency_graph` + `toposort`: for every buffer
 * (all views of a base count as the base), its set writer runs before its inc writers, which run
 * before its readers, which run before its update writers. Among kernels that are ready, the one
 * added first runs first (so the order follows the build order where the data allows).
 * @throws BuildError naming the objects when kernels depend on each other within one step.
 */
export function orderKernels(kernels: readonly Kernel[]): Kernel[] {
  const byBase = new Map<Signal, Access>();
  const entry = (s: Signal): Access => {
    const root = s.root;
    let a = byBase.get(root);
    if (a === undefined) {
      a = { sets: [], incs: [], reads: [], updates: [] };
      byBase.set(root, a);
    }
    return a;
  };
  kernels.forEach((k, i) => {
    for (const s of k.sets) entry(s).sets.push(i);
    for (const s of k.incs) entry(s).incs.push(i);
    for (const s of k.reads) entry(s).reads.push(i);
    for (const s of k.updates) entry(s).updates.push(i);
  });

  const succ: number[][] = kernels.map(() => []);
  const indeg = new Int32Array(kernels.length);
  const edge = (a: number, b: number): void => {
    if (a === b) return;
    succ[a]!.push(b);
    indeg[b]!++;
  };
  for (const [base, a] of byBase) {
    if (a.sets.length > 1) {
      throw new BuildError(`${base.name} is set by more than one operation (${a.sets.map((i) => describe(kernels[i]!)).join(", ")})`);
    }
    if (a.updates.length > 1) {
      throw new BuildError(`${base.name} is updated by more than one operation (${a.updates.map((i) => describe(kernels[i]!)).join(", ")})`);
    }
    for (const s of a.sets) for (const i of a.incs) edge(s, i);
    for (const w of [...a.sets, ...a.incs]) for (const r of a.reads) edge(w, r);
    for (const w of [...a.sets, ...a.incs, ...a.reads]) for (const u of a.updates) edge(w, u);
  }

  // Kahn's algorithm, smallest index first (a binary min-heap)
  const heap: number[] = [];
  const push = (v: number): void => {
    heap.push(v);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]! <= v) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = v;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && heap[r]! < heap[l]! ? r : l;
        if (heap[c]! >= last) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  for (let i = 0; i < kernels.length; i++) if (indeg[i] === 0) push(i);
  const order: Kernel[] = [];
  while (heap.length > 0) {
    const v = pop();
    order.push(kernels[v]!);
    for (const w of succ[v]!) if (--indeg[w]! === 0) push(w);
  }
  if (order.length < kernels.length) {
    const cycle = findCycle(succ, indeg);
    const names = [...new Set(cycle.map((i) => kernels[i]!.owner))];
    throw new BuildError(
      `these objects depend on each other within one step, so no order can compute them: ${cycle.map((i) => describe(kernels[i]!)).join(" -> ")}; put a synapse (e.g. synapse: 0, a one-step delay) on one of the connections between ${names.join(", ")}`,
      { label: names[0] },
    );
  }
  return order;
}

function describe(k: Kernel): string {
  return `${k.owner} (${k.role})`;
}

/** A cycle among the kernels left with incoming edges. */
function findCycle(succ: readonly number[][], indeg: Int32Array): number[] {
  const left = new Set<number>();
  for (let i = 0; i < indeg.length; i++) if (indeg[i]! > 0) left.add(i);
  const state = new Map<number, 1 | 2>();
  const stack: number[] = [];
  let found: number[] = [];
  const visit = (v: number): boolean => {
    state.set(v, 1);
    stack.push(v);
    for (const w of succ[v]!) {
      if (!left.has(w)) continue;
      const s = state.get(w);
      if (s === 1) {
        found = [...stack.slice(stack.indexOf(w)), w];
        return true;
      }
      if (s === undefined && visit(w)) return true;
    }
    stack.pop();
    state.set(v, 2);
    return false;
  };
  for (const v of left) if (!state.has(v) && visit(v)) break;
  return found;
}
