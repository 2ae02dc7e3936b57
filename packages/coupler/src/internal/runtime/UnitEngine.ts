import type { SystemModel } from "../model.js";
import type { UnitPlan } from "./planUnits.js";

/**
 * What steps one unit: its slots are the unit's inputs fed by the runtime (`plan.inEdges`, then
 * `plan.streamInputs`, each with the size of its source before any transform), its outputs are
 * `plan.outPorts`, its probes `plan.probes`. Nothing here allocates per step.
 */
export interface UnitEngine {
  /** Sets slot `slot` for the next step to `source[offset ..]` (as many values as the slot has). */
  write(slot: number, source: Float64Array, offset: number): void;
  /** Runs one step. @throws whatever the step throws (the runtime turns it into a CouplingError) */
  step(): void;
  /** Copies output `j`'s value after the last step into `dst` at `offset`. */
  readOut(j: number, dst: Float64Array, offset: number): void;
  /** Copies probe `p`'s values of the last `steps` steps run (`steps × dims`) into `dst` from 0. */
  readProbe(p: number, steps: number, dst: Float64Array): void;
  /** Back to step 0 (state, probes and inputs as built), for another run. */
  reset(): void;
  /** Its state after the last step, as bytes (a simulator's snapshot; probe rows left out: after a restore, `readProbe` reads the steps run since). */
  snapshot(): Uint8Array;
  /** Continues from {@link snapshot}'s bytes (of an engine of the same unit). @throws whatever the engine throws for bytes that do not fit */
  restore(bytes: Uint8Array): void;
  /** Called once when the run ends: frees what the engine holds, or keeps it for another run. */
  dispose(): void;
}

/** Where a run gets its engines and gives them back when it ends. */
export interface EnginePool {
  acquire(plan: UnitPlan, model: SystemModel): UnitEngine;
  release(plan: UnitPlan, engine: UnitEngine): void;
}
