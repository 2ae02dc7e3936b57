import { CouplingError } from "@plexus/core";
import { edgeShape } from "../internal/runtime/describeShapes.js";
import type { UnitPlan } from "../internal/runtime/planUnits.js";
import type { InEdgeSpec, OutEdgeSpec } from "./protocol.js";

/** One edge between units, as the coordinator lays it out. */
export interface PlacedEdge {
  readonly from: number;
  /** Index among the sender's out-edges. */
  readonly out: number;
  readonly to: number;
  /** Index among the receiver's in-edges (its slot). */
  readonly slot: number;
  readonly spec: OutEdgeSpec;
}

/** Each unit's in- and out-edge specs, and every edge in the order runs report them (by sender, then its out-edges). */
export function edgeSpecs(plans: readonly UnitPlan[], bufferSteps: number, steps: number): { ins: InEdgeSpec[][]; outs: OutEdgeSpec[][]; edges: PlacedEdge[] } {
  const unitOf = new Map<number, UnitPlan>();
  for (const p of plans) for (const e of p.members) unitOf.set(e.index, p);
  const ins: InEdgeSpec[][] = plans.map(() => []);
  const outs: OutEdgeSpec[][] = plans.map(() => []);
  const edges: PlacedEdge[] = [];
  for (const plan of plans) {
    plan.outEdges.forEach((edge, out) => {
      const to = unitOf.get(edge.to.entry.index);
      if (to === undefined)
        throw new CouplingError(`Wire ${edge.from.entry.key}.${edge.from.port.name} -> ${edge.to.entry.key}.${edge.to.port.name}: its receiver is in no unit`);
      const shape = edgeShape(edge, plan, to, bufferSteps);
      const slot = to.inEdges.indexOf(edge);
      const output = plan.outPorts.findIndex((o) => o.entry === edge.from.entry && o.port === edge.from.port);
      const spec: OutEdgeSpec = { shape, output, to: to.index };
      unitList(outs, plan.index).push(spec);
      edges.push({ from: plan.index, out, to: to.index, slot, spec });
    });
  }
  for (const e of edges)
    unitList(ins, e.to)[e.slot] = { shape: e.spec.shape, slot: e.slot, from: e.from, senderSteps: Math.floor(steps / e.spec.shape.fromMultiple) };
  return { ins, outs, edges };
}

/** Unit `u`'s list (one per unit, in unit order). */
function unitList<T>(lists: T[][], u: number): T[] {
  const list = lists[u];
  if (list === undefined) throw new CouplingError(`the system has no unit ${u} (a bug in the coupler's planning; please report it)`);
  return list;
}
