import { BuildError } from "@plexus/core";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

interface Access {
  sets: Node[];
  incs: Node[];
  reads: Node[];
  updates: Node[];
}

/**
 * Orders kernels once, as Nengo's `operator_dependency_graph` + `toposort`: for every buffer
 * (all views of a base count as the base), its set writer runs before its inc writers, which run
 * before its readers, which run before its update writers. Among kernels that are ready, the one
 * added first runs first (so the order follows the build order where the data allows).
 * @throws BuildError naming the objects when kernels depend on each other within one step.
 */
export function orderKernels(kernels: readonly Kernel[]): Kernel[] {
  const nodes: Node[] = kernels.map((kernel, index) => ({ kernel, index, succ: [], indeg: 0 }));
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
  for (const node of nodes) {
    const k = node.kernel;
    for (const s of k.sets) entry(s).sets.push(node);
    for (const s of k.incs) entry(s).incs.push(node);
    for (const s of k.reads) entry(s).reads.push(node);
    for (const s of k.updates) entry(s).updates.push(node);
  }

  const edge = (a: Node, b: Node): void => {
    if (a === b) return;
    a.succ.push(b);
    b.indeg++;
  };
  for (const [base, a] of byBase) {
    if (a.sets.length > 1) {
      throw new BuildError(`${base.name} is set by more than one operation (${a.sets.map(describe).join(", ")})`);
    }
    if (a.updates.length > 1) {
      throw new BuildError(`${base.name} is updated by more than one operation (${a.updates.map(describe).join(", ")})`);
    }
    for (const s of a.sets) for (const i of a.incs) edge(s, i);
    for (const w of [...a.sets, ...a.incs]) for (const r of a.reads) edge(w, r);
    for (const w of [...a.sets, ...a.incs, ...a.reads]) for (const u of a.updates) edge(w, u);
  }

  // Kahn's algorithm, smallest index first
  const ready = new IndexHeap();
  for (const node of nodes) if (node.indeg === 0) ready.push(node);
  const order: Kernel[] = [];
  for (let v = ready.pop(); v !== undefined; v = ready.pop()) {
    order.push(v.kernel);
    for (const w of v.succ) if (--w.indeg === 0) ready.push(w);
  }
  if (order.length < kernels.length) {
    const cycle = findCycle(nodes);
    const names = [...new Set(cycle.map((n) => n.kernel.owner))];
    throw new BuildError(
      `these objects depend on each other within one step, so no order can compute them: ${cycle.map(describe).join(" -> ")}; put a synapse (e.g. synapse: 0, a one-step delay) on one of the connections between ${names.join(", ")}`,
      { label: names[0] },
    );
  }
  return order;
}

/** A kernel in the dependency graph: its build index, its successors and how many predecessors have not run. */
interface Node {
  readonly kernel: Kernel;
  readonly index: number;
  readonly succ: Node[];
  indeg: number;
}

function describe(n: Node): string {
  return `${n.kernel.owner} (${n.kernel.role})`;
}

/** A binary min-heap of nodes keyed by their build index. */
class IndexHeap {
  private readonly items: Node[] = [];

  push(v: Node): void {
    const items = this.items;
    let i = items.length;
    items.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p];
      if (parent === undefined || parent.index <= v.index) break;
      items[i] = parent;
      i = p;
    }
    items[i] = v;
  }

  pop(): Node | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const left = items[l];
      if (left === undefined) break;
      const right = items[l + 1];
      const [c, child] = right !== undefined && right.index < left.index ? [l + 1, right] : [l, left];
      if (child.index >= last.index) break;
      items[i] = child;
      i = c;
    }
    items[i] = last;
    return top;
  }
}

/** A cycle among the nodes left with incoming edges. */
function findCycle(nodes: readonly Node[]): Node[] {
  const left = new Set(nodes.filter((n) => n.indeg > 0));
  const state = new Map<Node, 1 | 2>();
  const stack: Node[] = [];
  let found: Node[] = [];
  const visit = (v: Node): boolean => {
    state.set(v, 1);
    stack.push(v);
    for (const w of v.succ) {
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
