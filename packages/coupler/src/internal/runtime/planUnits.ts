import { CouplingError } from "@plexus/core";
import { fusionGroups } from "../fusionGroups.js";
import { type EdgeSpec, edgeName, type InputSpec, type OutEnd, type ProbeSpec, type SubsystemEntry, type SystemModel } from "../model.js";

/**
 * What runs as one simulator: one subsystem, or several fused because a loop with no delay on its
 * wires joins them (each needs the other's output within the step).
 */
export interface UnitPlan {
  readonly index: number;
  /** `ctrl`, or `ctrl+plant` for a fused unit. */
  readonly name: string;
  readonly members: readonly SubsystemEntry[];
  /** dt in base steps (equal for all members). */
  readonly multiple: number;
  /** Wires from other units (or from itself with a delay), fed by the runtime: one slot each, in this order. */
  readonly inEdges: readonly EdgeSpec[];
  /** Observable inputs, fed by the runtime: slots after the edges'. */
  readonly streamInputs: readonly InputSpec[];
  /** Array and function inputs: nodes inside the unit's network. */
  readonly nodeInputs: readonly InputSpec[];
  /** Zero-delay wires between members: connections inside the unit's network. */
  readonly internalEdges: readonly EdgeSpec[];
  /** Wires leaving through the runtime (to other units, or back to itself with a delay). */
  readonly outEdges: readonly EdgeSpec[];
  /** The output ports the runtime reads each step (for outEdges), each once. */
  readonly outPorts: readonly OutEnd[];
  readonly probes: readonly ProbeSpec[];
}

/**
 * Splits a system into units.
 * @throws CouplingError when a fused group mixes time steps, or a zero-delay wire inside one
 * averages over more than one base step
 */
export function planUnits(model: SystemModel): UnitPlan[] {
  const group = fusionGroups(model);
  const roots = [...new Set(group)].sort((a, b) => a - b);
  const unitOf = new Map<number, number>();
  roots.forEach((r, u) => {
    for (let i = 0; i < group.length; i++) if (group[i] === r) unitOf.set(i, u);
  });
  const plans: UnitPlan[] = [];
  for (let u = 0; u < roots.length; u++) {
    const members = model.entries.filter((e) => unitOf.get(e.index) === u);
    const [first] = members;
    if (first === undefined) throw new CouplingError(`unit ${u} of the system has no subsystem (a bug in the coupler's planning; please report it)`);
    const multiple = first.sub.dtMultiple;
    const odd = members.find((e) => e.sub.dtMultiple !== multiple);
    if (odd !== undefined) {
      throw new CouplingError(
        `Subsystems ${members.map((e) => `'${e.key}'`).join(", ")} form a loop whose wires have no delay (its delay is inside them), so they run fused in one simulator, which needs one dtMultiple (got ${members.map((e) => `${e.key}: ${e.sub.dtMultiple}`).join(", ")}); give one wire of the loop delaySteps >= 1`,
        { label: odd.key },
      );
    }
    const inUnit = (e: SubsystemEntry): boolean => unitOf.get(e.index) === u;
    const internalEdges = model.edges.filter((e) => e.delaySteps === 0 && inUnit(e.from.entry) && inUnit(e.to.entry));
    for (const e of internalEdges) {
      if (e.rate === "average" && multiple > 1) {
        throw new CouplingError(
          `Wire ${edgeName(e)}: "average" over ${multiple} base steps cannot run inside the fused unit ${members.map((m) => m.key).join("+")} (a zero-delay loop); use "hold" or give the wire delaySteps >= 1`,
          { label: edgeName(e) },
        );
      }
    }
    const internal = new Set(internalEdges);
    const inEdges = model.edges.filter((e) => inUnit(e.to.entry) && !internal.has(e));
    const outEdges = model.edges.filter((e) => inUnit(e.from.entry) && !internal.has(e));
    const outPorts: OutEnd[] = [];
    for (const e of outEdges) {
      if (!outPorts.some((o) => o.entry === e.from.entry && o.port === e.from.port)) outPorts.push(e.from);
    }
    const inputs = model.inputs.filter((i) => inUnit(i.to.entry));
    plans.push({
      index: u,
      name: members.map((e) => e.key).join("+"),
      members,
      multiple,
      inEdges,
      streamInputs: inputs.filter((i) => i.values.kind === "observable"),
      nodeInputs: inputs.filter((i) => i.values.kind !== "observable"),
      internalEdges,
      outEdges,
      outPorts,
      probes: model.probes.filter((p) => inUnit(p.target.entry)),
    });
  }
  return plans;
}
