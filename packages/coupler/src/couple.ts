import { CoupledSystem, type CoupleOptions } from "./CoupledSystem.js";
import type { Subsystem } from "./Subsystem.js";

/**
 * Starts a coupled system of subsystems, named by their keys (messages, parameter names and
 * cycles use the keys: `ctrl.u -> plant.u`). Wire it, give it inputs and probes, then `run`,
 * `stream` or `compose` it.
 *
 * ```ts
 * const ctrl = subsystem(ctrlNet), plant = subsystem(plantNet);
 * const system = couple({ ctrl, plant })
 *   .wire(ctrl.out.u, plant.in.u)
 *   .wire(plant.out.x, ctrl.in.x, { delaySteps: 1 })
 *   .input(ctrl.in.ref, (t) => Math.sin(t))
 *   .probe(plant.out.x, { synapse: 0.01 });
 * const result = await system.run({ seconds: 5 });
 * ```
 * @throws CouplingError as {@link CoupledSystem}'s constructor
 */
export function couple<const S extends Readonly<Record<string, Subsystem>>>(subsystems: S, options: CoupleOptions = {}): CoupledSystem<S> {
  return new CoupledSystem(subsystems, options);
}
