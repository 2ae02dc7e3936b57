import { CouplingError, encodeObject, type InPort, type Network, type OutPort, type PortDims, serialisableSpec } from "@plexus/core";
import { composeNetwork } from "../internal/composeNetwork.js";
import { type SystemModel, unitDt } from "../internal/model.js";
import { couplerClasses } from "../internal/PresentRows.js";
import { unitShape } from "../internal/runtime/describeShapes.js";
import type { UnitPlan } from "../internal/runtime/planUnits.js";
import type { InEdgeSpec, OutEdgeSpec, PortPath, UnitSpec } from "./protocol.js";

/**
 * Describes a unit for another host: its composed network as a network spec (no code), its
 * overrides, dt, seed, slots, outputs and probes.
 * @throws CouplingError naming the unit and what in it cannot be described (a JS function in a
 *   node or an input, a process or class the spec cannot rebuild); an observable input is a slot
 *   (the coordinator forwards its windows)
 */
export function describeUnit(
  plan: UnitPlan,
  model: SystemModel,
  steps: number,
  inEdges: readonly InEdgeSpec[],
  outEdges: readonly OutEdgeSpec[],
  where: string,
): UnitSpec {
  const refuse = (why: readonly string[]): never => {
    const what = plan.members.length === 1 ? `Subsystem '${plan.name}'` : `Fused subsystems '${plan.name}'`;
    throw new CouplingError(
      `${what} cannot run on ${where}: ${why.join("; ")}; only a network without code can be sent to another thread or process, so place it on "main"`,
      {
        label: plan.name,
        subsystem: plan.name,
      },
    );
  };
  const composed = composeNetwork(model, {
    label: plan.name,
    members: plan.members,
    multiple: plan.multiple,
    internalEdges: plan.internalEdges,
    slotEdges: plan.inEdges,
    streamInputs: plan.streamInputs,
    nodeInputs: plan.nodeInputs,
    probes: [],
  });
  const top = composed.network;
  const described = serialisableSpec(top as unknown as Network, couplerClasses);
  if ("problems" in described) refuse(described.problems);
  const path = (port: InPort | OutPort): PortPath => ({ network: pathOf(top, port.network), kind: port.kind === "inPort" ? "in" : "out", name: port.name });
  const probes = plan.probes.map((p) => {
    let synapse = null;
    if (p.synapse !== null) {
      const enc = encodeObject(p.synapse);
      if (enc.problems.length > 0) refuse(enc.problems);
      synapse = enc.json;
    }
    return { name: p.name, target: path(composed.inner(p.target.entry, p.target.port)), synapse };
  });
  return {
    id: plan.index,
    shape: unitShape(plan, model),
    network: (described as { spec: UnitSpec["network"] }).spec,
    overrides: [...composed.overrides].map(([name, values]) => ({ name, values: Float64Array.from(values) })),
    dt: unitDt(model.dt, plan.members, plan.multiple),
    seed: model.seed,
    slots: composed.slots.map((s) => s.name),
    outputs: plan.outPorts.map((o) => path(composed.inner(o.entry, o.port))),
    probes,
    steps: Math.floor(steps / plan.multiple),
    inEdges,
    outEdges,
  };
}

/** The subnetwork indices from `top` down to `net` (which is inside it). */
function pathOf(top: Network<PortDims, PortDims>, net: Network<PortDims, PortDims>): number[] {
  const search = (at: Network<PortDims, PortDims>): number[] | null => {
    if (at === net) return [];
    for (const [i, sub] of at.networks.entries()) {
      const below = search(sub as Network<PortDims, PortDims>);
      if (below !== null) return [i, ...below];
    }
    return null;
  };
  const found = search(top);
  if (found === null) throw new CouplingError(`describeUnit: a port's network is not inside ${top.label ?? "the unit"} (a bug in the coupler)`);
  return found;
}
