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
      const to = unitOf.get(edge.to.entry.index)!;
      const shape = edgeShape(edge, plan, to, bufferSteps);
      const slot = to.inEdges.indexOf(edge);
      const output = plan.outPorts.findIndex((o) => o.entry === edge.from.entry && o.port === edge.from.port);
      const spec: OutEdgeSpec = { shape, output, to: to.index };
      outs[plan.index]!.push(spec);
      edges.push({ from: plan.index, out, to: to.index, slot, spec });
    });
  }
  for (const e of edges) ins[e.to]![e.slot] = { shape: e.spec.shape, slot: e.slot, from: e.from, senderSteps: Math.floor(steps / e.spec.shape.fromMultiple) };
  return { ins, outs, edges };
}
