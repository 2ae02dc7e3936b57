import { CoupledSystem, type CoupleOptions } from "./CoupledSystem.js";
import type { SubsystemSource } from "./Subsystem.js";

/**
 * Starts a coupled system of subsystems, named by their keys (messages, parameter names and
 * cycles use the keys: `ctrl.u -> plant.u`). Each value is a {@link Subsystem}, a trained
 * subnetwork (`TrainedSubnetwork` of `@plexus/trainer`, run as its frozen copy at its dt, every
 * learned transform in force), or a network with ports. Wire it through the ports of any of them
 * (typed by their dimensions), give it inputs and probes, then `run`, `stream` or `compose` it.
 *
 * ```ts
 * const ctrl = await new GradientTrainer().fit(ctrlNet, data);   // a TrainedSubnetwork
 * const plant = subsystem(plantNet, { dtMultiple: 1 });
 * const system = couple({ ctrl, plant, obs: observerNet })
 *   .wire(ctrl.out.u, plant.in.u)
 *   .wire(plant.out.x, ctrl.in.x, { delaySteps: 1 })
 *   .wire(plant.out.x, observerNet.in.x, { transform: [[2]] })
 *   .input(ctrl.in.ref, (t) => Math.sin(t))
 *   .probe(plant.out.x, { synapse: 0.01 });
 * const result = await system.run({ seconds: 5 });
 * ```
 * @throws CouplingError as {@link CoupledSystem}'s constructor
 */
export function couple<const S extends Readonly<Record<string, SubsystemSource>>>(subsystems: S, options: CoupleOptions = {}): CoupledSystem<S> {
  return new CoupledSystem(subsystems, options);
}
