import { CouplingError, type InPort, type OutPort, type Probe } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { build, Simulator } from "@plexus/simulator";
import { composeNetwork } from "../composeNetwork.js";
import { type SystemModel, unitDt } from "../model.js";
import type { UnitPlan } from "./planUnits.js";
import type { UnitEngine } from "./UnitEngine.js";

/**
 * The engine of a unit on @plexus/simulator: the unit's members composed into one network (see
 * {@link composeNetwork}) with a top-level input port per slot, built at the unit's dt with the
 * system's seed, stepped one step at a time between writes and reads.
 */
export function simulatorEngine(plan: UnitPlan, model: SystemModel): UnitEngine {
  const composed = composeNetwork(model, {
    label: plan.name,
    members: plan.members,
    multiple: plan.multiple,
    internalEdges: plan.internalEdges,
    slotEdges: plan.inEdges,
    streamInputs: plan.streamInputs,
    nodeInputs: plan.nodeInputs,
    probes: plan.probes,
  });
  const built = build(composed.network, { dt: unitDt(model.dt, plan.members, plan.multiple), seed: model.seed, overrides: composed.overrides });
  const sim = new Simulator(built, { progress: false, seed: model.seed });
  return engineOn(
    sim,
    composed.slots,
    plan.outPorts.map((o) => composed.inner(o.entry, o.port)),
    composed.probes,
  );
}

/** A unit engine on a built simulator: `slots` written before each step, `outputs` read after it, `probes` read per window. */
export function engineOn(sim: Simulator, slots: readonly InPort[], outputs: readonly OutPort[], probes: readonly Probe[]): UnitEngine {
  const inputs = slots.map((port) => ({ port, scratch: new Float64Array(port.dimensions) }));
  const outViews = outputs.map((o) => sim.readOutput(o));
  const missing = (what: string, i: number): CouplingError => new CouplingError(`the unit's simulator has no ${what} ${i}`);
  return {
    write(slot, source, offset) {
      const input = inputs[slot];
      if (input === undefined) throw missing("input slot", slot);
      const s = input.scratch;
      for (let i = 0; i < s.length; i++) s[i] = f64At(source, offset + i);
      sim.writeInput(input.port, s);
    },
    step() {
      sim.step();
    },
    readOut(j, dst, offset) {
      const v = outViews[j];
      if (v === undefined) throw missing("output", j);
      dst.set(v, offset);
    },
    readProbe(p, steps, dst) {
      const probe = probes[p];
      if (probe === undefined) throw missing("probe", p);
      const { data, shape } = sim.data(probe);
      const [rows, cols] = shape;
      dst.set(data.subarray((rows - steps) * cols, rows * cols));
    },
    reset() {
      sim.reset();
    },
    snapshot() {
      // the coordinator keeps the probe data: a restored engine records the steps after the snapshot
      return sim.snapshot({ probeData: false });
    },
    restore(bytes) {
      sim.restore(bytes);
    },
    dispose() {
      sim.close();
    },
  };
}
