import { type EdgeSpec, edgeName, portName, type SystemModel, unitDt } from "../model.js";
import type { UnitPlan } from "./planUnits.js";
import type { EdgeShape, UnitShape } from "./shapes.js";

/** The shape of a planned unit (what its actor knows). */
export function unitShape(plan: UnitPlan, model: SystemModel): UnitShape {
  return {
    name: plan.name,
    fused: plan.members.length > 1,
    multiple: plan.multiple,
    baseDt: model.dt,
    dt: unitDt(model.dt, plan.members, plan.multiple),
    slotDims: [...plan.inEdges.map((e) => e.from.port.dimensions), ...plan.streamInputs.map((i) => i.to.port.dimensions)],
    slotNames: [...plan.inEdges.map((e) => edgeName(e)), ...plan.streamInputs.map((i) => `input ${portName(i.to)}`)],
    outDims: plan.outPorts.map((o) => o.port.dimensions),
    probes: plan.probes.map((p) => ({ name: p.name, dims: p.target.port.dimensions })),
  };
}

/** The shape of an edge between two planned units, with `bufferSteps` of slack beyond its delay. */
export function edgeShape(edge: EdgeSpec, from: UnitPlan, to: UnitPlan, bufferSteps: number): EdgeShape {
  return {
    name: edgeName(edge),
    dims: edge.from.port.dimensions,
    delaySteps: edge.delaySteps,
    rate: edge.rate,
    fromMultiple: from.multiple,
    toMultiple: to.multiple,
    capacitySteps: edge.delaySteps + from.multiple + to.multiple + bufferSteps,
  };
}
